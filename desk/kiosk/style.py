"""The kiosk's look: calm colours, large type and touch targets for a hand in a glove.

One style sheet for every kiosk screen, selected by object names, so the widgets
carry no colours of their own.
"""

from __future__ import annotations

INK = "#1f2a30"
CALM = "#2f5d62"
PAPER = "#f6f4ef"
WARN = "#a23b2a"

STYLE_SHEET = f"""
QWidget#kioskWindow, QWidget#enrollmentScreen {{ background: {PAPER}; color: {INK}; }}
QWidget {{ font-size: 22px; color: {INK}; }}
QLabel#centreName {{ font-size: 34px; font-weight: 600; color: {CALM}; }}
QLabel#clock {{ font-size: 30px; color: {CALM}; }}
QLabel#prompt, QLabel#greeting {{ font-size: 36px; font-weight: 600; }}
QLabel#pinDots {{ font-size: 48px; letter-spacing: 12px; color: {CALM}; min-height: 60px; }}
QLabel#pinMessage {{ font-size: 24px; color: {WARN}; min-height: 36px; }}
QLabel#messageCounter, QLabel#hint {{ font-size: 24px; color: {CALM}; }}
QLabel#messageBody {{
    font-size: 32px; background: white; border: 2px solid #d9d4c7; border-radius: 16px;
    padding: 32px;
}}
QLabel#syncStatus {{ font-size: 16px; color: #6b7479; }}
QLabel#childName {{ font-size: 30px; font-weight: 600; }}
QLabel#childRoom {{ font-size: 22px; color: #55626a; }}
QLabel#doneSummary {{ font-size: 30px; }}
QPushButton {{
    background: white; border: 2px solid #cfc9bb; border-radius: 18px; padding: 16px 28px;
    font-size: 28px; min-height: 64px;
}}
QPushButton:pressed {{ background: #e4efe9; }}
QPushButton:disabled {{ color: #a9a9a9; border-color: #e1ddd3; }}
QPushButton#key {{
    font-size: 40px; padding: 0; min-width: 128px; min-height: 84px; border-radius: 42px;
}}
QPushButton#primary {{ background: {CALM}; color: white; border-color: {CALM}; }}
QPushButton#primary:pressed {{ background: #244a4e; }}
QPushButton#signToggle {{ min-width: 240px; }}
QPushButton#signToggle:checked {{ background: {CALM}; color: white; border-color: {CALM}; }}
QLineEdit, QSpinBox {{
    font-size: 24px; padding: 10px; border: 2px solid #cfc9bb; border-radius: 10px;
    background: white;
}}
"""
