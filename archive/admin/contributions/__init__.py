"""The moderators' screens for visitors' contributions: the queue, and one contribution with
its decisions (approve, reject with a reason, turn into a draft)."""
