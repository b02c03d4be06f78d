"""Widgets of the terminal app: big targets, the crisis line, progress bars and the answer feedback."""
