"""hep_xl — write, check, keep and archive a Helyi Esélyegyenlőségi Program in Excel."""

__version__ = "0.1.0"
