"""Forms: what a channel asks, step by step, to make a change (today the staff's edits)."""
