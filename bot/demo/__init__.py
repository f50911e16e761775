"""Provide what the built-in demo needs: a fictional sample archive and Block Kit as text."""

from __future__ import annotations
