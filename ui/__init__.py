"""Qt screens: windows, views, table models, dialogs; they call services only."""
