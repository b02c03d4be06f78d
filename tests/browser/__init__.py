"""Tests in a real headless browser (marker: browser)."""
