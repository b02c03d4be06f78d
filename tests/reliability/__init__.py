"""Reliability tests: crashes, damaged and unusable stores, two writers, and bank text that tries to be markup."""
