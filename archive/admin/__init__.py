"""The editors' admin: snippet viewsets, choosers, dashboard panels, edit panels, roles and the
import views. ``archive/wagtail_hooks.py`` only registers what is defined here."""
