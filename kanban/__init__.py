"""kundenboard: review customers every quarter and decide, with reasons on record."""

__version__ = "0.1.0"
