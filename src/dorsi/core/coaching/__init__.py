"""The coach's side: who needs attention first, and the words for a coach's plan changes."""
