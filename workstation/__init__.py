"""Service Desk Workstation core: models, services and the change feed, without Qt widgets."""
