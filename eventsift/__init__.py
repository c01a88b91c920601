"""eventsift: raw news reports of armed attacks in, evidenced and geocoded events out."""

__version__ = "0.1.0"
