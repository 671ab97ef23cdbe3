"""The app's screens: the board, and what opens from it."""
