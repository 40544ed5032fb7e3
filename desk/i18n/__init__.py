"""The user's language, shared by the office app and the kiosk.

`language` installs the translators (ours from the compiled resources, and Qt's own
for standard buttons) for a chosen or the workstation's locale; `errors` turns an
exception into the sentence a person reads in that language. The kiosk and the office
import nothing of each other, so what both need lives here.
"""
