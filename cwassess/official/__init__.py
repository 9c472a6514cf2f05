"""Importing the official text of the standard (全爱卫发〔2021〕6号) into a workspace overlay.

extract (file → text) → parse (text → sections and items) → match (parsed ↔ bundled items)
→ compare (side-by-side text, numbers vs thresholds) → overlay (overlays/official-text.yaml).
"""
