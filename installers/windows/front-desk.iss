; Inno Setup script: the Windows installer of the Front Desk desktop app.
;
; UNTESTED: written on Linux, where neither PyInstaller's Windows build nor Inno Setup
; can run. See installers/README.md for the steps and what to check the first time.
;
;   1. pyinstaller --noconfirm --clean installers\front-desk.spec   (gives dist\front-desk\)
;   2. iscc /DAppVersion=0.1.0 installers\windows\front-desk.iss     (Inno Setup 6)
;
; Output: dist\front-desk-<version>-windows-x64-setup.exe. Installs per machine into
; Program Files, a Start menu entry for the office app and one for the kiosk, and an
; uninstaller. The kiosk's locked-down deployment (Assigned Access / Shell Launcher)
; is in docs/kiosk.md.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{6F1C2E7A-3B4D-4C5E-9F60-7A8B9C0D1E2F}
AppName=Front Desk
AppVersion={#AppVersion}
AppPublisher=Front Desk
DefaultDirName={autopf}\Front Desk
DefaultGroupName=Front Desk
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
PrivilegesRequired=admin
OutputDir=..\..\dist
OutputBaseFilename=front-desk-{#AppVersion}-windows-x64-setup
SetupIconFile=..\..\resources\icons\app\front-desk.ico
UninstallDisplayIcon={app}\front-desk.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "spanish"; MessagesFile: "compiler:Languages\Spanish.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "..\..\dist\front-desk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\Front Desk"; Filename: "{app}\front-desk.exe"
Name: "{group}\Front Desk Kiosk"; Filename: "{app}\front-desk.exe"; Parameters: "kiosk"
Name: "{group}\Front Desk Demo"; Filename: "{app}\front-desk.exe"; Parameters: "demo"
Name: "{autodesktop}\Front Desk"; Filename: "{app}\front-desk.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\front-desk.exe"; Description: "{cm:LaunchProgram,Front Desk}"; Flags: nowait postinstall skipifsilent
