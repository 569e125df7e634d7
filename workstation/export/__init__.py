"""Excel writers: typed streaming sheets on openpyxl's write-only mode (no Qt, no database)."""
