; Inno Setup script of SWV Uren (Windows): installs the bundle dist\swv-uren (built by PyInstaller from
; packaging\swv-uren.spec) for the current user, no administrator needed.
;
;   iscc /DAppVersion=0.1.0 packaging\swv-uren.iss      -> dist\SWV-Uren-0.1.0-setup.exe
;
; For IT, silent:  SWV-Uren-0.1.0-setup.exe /VERYSILENT /CURRENTUSER /SUPPRESSMSGBOXES /NORESTART
; A newer setup installs over an older one in place (same AppId). The uninstaller removes the program only:
; the data folder (%LOCALAPPDATA%\SWV Uren: the database, its back-ups, Logs) was never installed by it and stays.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "SWV Uren"
#define AppExe "SWV Uren.exe"

[Setup]
; Never change the AppId: it is what makes a new version an upgrade of the installed one.
AppId={{6E2B9A57-3C41-4D8E-9F0A-7B15C2D4E8A3}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Samenwerkingsverband passend onderwijs
; Per user: %LOCALAPPDATA%\Programs\SWV Uren (not the data folder %LOCALAPPDATA%\SWV Uren).
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=commandline
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
DisableDirPage=auto
UsePreviousAppDir=yes
OutputDir=..\dist
OutputBaseFilename=SWV-Uren-{#AppVersion}-setup
SetupIconFile=..\resources\icons\swv-uren.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "dutch"; MessagesFile: "compiler:Languages\Dutch.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the program's own files whole: no module of the previous version stays behind.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "..\dist\swv-uren\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"; IconFilename: "{app}\{#AppExe}"; Comment: "Expertise-uren van het samenwerkingsverband"
Name: "{group}\{#AppName} verwijderen"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
