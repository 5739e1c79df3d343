; Inno Setup 6 script: an installer for the one-folder Windows build.
;
; First build the app on Windows (python dev.py package), which writes dist\mediator-desk\ with
; mediator-desk.exe (the windowed app) and mediator-desk-cli.exe (the same app for a terminal).
; Then, from this folder:
;
;     iscc mediator-desk.iss
;
; which writes dist\installer\MediatorDesk-Setup-<version>.exe. Sign both the .exe files in
; dist\mediator-desk and the installer with the service's code-signing certificate before
; handing them out (see packaging\README.md).
;
; Installs for the current user by default (no administrator rights needed); the first page
; offers all users instead. The user's case file, backups and settings live in their own
; profile (AppData) and are left in place by the uninstaller.

#define AppName "Mediator Desk"
#define AppExe "mediator-desk.exe"
#define Bundle "..\..\dist\mediator-desk"
; The version is read from the built program's version resource, which the PyInstaller spec
; writes from mediator_desk\__init__.py: the one place the version is kept.
#define AppVersion GetStringFileInfo(AddBackslash(SourcePath) + Bundle + "\" + AppExe, "ProductVersion")
#if AppVersion == ""
  #error No version in dist\mediator-desk\mediator-desk.exe: build the app first (py dev.py package)
#endif

[Setup]
; The AppId names this app to Windows across versions: never change it once released.
AppId={{A10B7828-C142-4825-9AA0-E74E762645F7}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppName}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\..\dist\installer
OutputBaseFilename=MediatorDesk-Setup-{#AppVersion}
SetupIconFile=..\icons\mediator-desk.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; Closes a running copy before files are replaced (it saves as it goes, so nothing is lost).
CloseApplications=yes
RestartApplications=no
; .mdesk case files open in the app when double-clicked (the Registry section below).
ChangesAssociations=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The whole one-folder build: the two programs and _internal\ beside them.
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; An upgrade starts from a clean _internal\, so no file of an older version lingers.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{userdocs}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{userdocs}"; Tasks: desktopicon

[Registry]
; .mdesk case files: opened by the app ("%1" is the file double-clicked), with its icon. HKA is
; the current user's classes, or the machine's when installed for all users.
Root: HKA; Subkey: "Software\Classes\.mdesk"; ValueType: string; ValueName: ""; ValueData: "MediatorDesk.CaseFile"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.mdesk"; ValueType: string; ValueName: "Content Type"; ValueData: "application/x-mediator-desk-casefile"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.mdesk\OpenWithProgids"; ValueType: string; ValueName: "MediatorDesk.CaseFile"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\MediatorDesk.CaseFile"; ValueType: string; ValueName: ""; ValueData: "Mediator Desk case file"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\MediatorDesk.CaseFile\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\MediatorDesk.CaseFile\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".mdesk"; ValueData: ""; Flags: uninsdeletekey

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
Type: filesandordirs; Name: "{app}\_internal"
