"""Screens of the terminal app: Home, Question, Summary, Progress, Help, About, and the flag dialog."""
