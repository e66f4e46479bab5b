"""Holds in the admin: moderators place, review and lift them (``viewsets``), the dashboard
lists those waiting (``dashboard``), and moderators are told by e-mail (``mail``)."""
