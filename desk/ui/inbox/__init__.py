"""Conversations: the thread list, the open thread with its reply box, and details."""
