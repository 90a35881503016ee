<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AuditScreen</name>
    <message>
        <location filename="../../ui/shell/home_screens.py" line="172"/>
        <source>Audit trail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/shell/home_screens.py" line="176"/>
        <source>Every action is recorded in a chain; a changed or removed row breaks the chain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/shell/home_screens.py" line="184"/>
        <source>Check the audit trail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/shell/home_screens.py" line="198"/>
        <source>Checking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/shell/home_screens.py" line="206"/>
        <source>The chain is whole: no row was changed or removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/shell/home_screens.py" line="213"/>
        <source>The chain is broken at row %1: a row was changed or removed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <location filename="../../ui/shell/errors.py" line="179"/>
        <source>Careloop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/shell/errors.py" line="187"/>
        <source>Copy details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/shell/errors.py" line="189"/>
        <source>Show details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/shell/errors.py" line="193"/>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ErrorMessages</name>
    <message>
        <location filename="../../ui/shell/errors.py" line="40"/>
        <source>Too many wrong attempts. Try again in a few minutes or ask the charge nurse.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/shell/errors.py" line="47"/>
        <source>This badge is not recognised. Sign in with your staff number and PIN, or ask an administrator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/shell/errors.py" line="54"/>
        <source>You are no longer an active member of the staff directory, so you cannot sign in here. Please ask an administrator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/shell/errors.py" line="62"/>
        <source>Staff number or PIN is not right. Please try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/shell/errors.py" line="68"/>
        <source>Your account has no role at this station yet, so you cannot sign in. Please ask an administrator to give you one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/shell/errors.py" line="75"/>
        <source>You do not have the right to do this.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/shell/errors.py" line="81"/>
        <source>The station configuration has a mistake. Please call IT.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/shell/errors.py" line="88"/>
        <source>The local database file is damaged or is not a database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/shell/errors.py" line="95"/>
        <source>The local database file is damaged.</source>
        <translation>The local database file is damaged.</translation>
    </message>
    <message>
        <location filename="../../ui/shell/errors.py" line="101"/>
        <source>The local database cannot be written: the disk may be full or the folder read-only. Please call IT.</source>
        <translation>The local database cannot be written: the disk may be full or the folder read-only. Please call IT.</translation>
    </message>
    <message>
        <location filename="../../ui/shell/errors.py" line="108"/>
        <source>The local database was written by a newer Careloop.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/shell/errors.py" line="114"/>
        <source>The local database cannot be used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/shell/errors.py" line="120"/>
        <source>A value is not allowed here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/shell/errors.py" line="126"/>
        <source>The platform refused the station&apos;s token. Please call IT.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/shell/errors.py" line="133"/>
        <source>The platform cannot be reached. Work goes on; records wait and are sent later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/shell/errors.py" line="140"/>
        <source>Someone else changed this record. Please look at the difference.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/shell/errors.py" line="147"/>
        <source>The platform refused a record.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/shell/errors.py" line="153"/>
        <source>Talking to the platform failed. Records wait and are sent later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/shell/errors.py" line="162"/>
        <source>Something went wrong. Nothing you entered was lost. Please tell IT and copy the details.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Header</name>
    <message>
        <location filename="../../ui/shell/header.py" line="74"/>
        <source>Sync now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/shell/header.py" line="84"/>
        <source>Lock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/shell/header.py" line="87"/>
        <source>Sign out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/shell/header.py" line="115"/>
        <source>Working alone (no platform)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/shell/header.py" line="134"/>
        <source>Unlocked by %1 · work continues as %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <location filename="../../ui/shell/lock_screen.py" line="21"/>
        <source>Screen locked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/shell/lock_screen.py" line="29"/>
        <source>Enter your PIN to go on. A supervisor may unlock with their own staff number and PIN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/shell/lock_screen.py" line="39"/>
        <source>PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/shell/lock_screen.py" line="42"/>
        <source>Unlock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/shell/lock_screen.py" line="82"/>
        <source>Signed in: %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/shell/lock_screen.py" line="99"/>
        <source>Please enter your PIN.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/shell/window.py" line="61"/>
        <location filename="../../ui/shell/window.py" line="299"/>
        <source>Careloop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/shell/window.py" line="103"/>
        <source>Face check-in cannot start: a face model file is missing or has been changed.
Use your staff number and PIN, or scan your badge.
IT: the file and its expected digest are under Devices.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/shell/window.py" line="109"/>
        <source>Face check-in cannot start at this station right now.
Use your staff number and PIN, or scan your badge.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProblemScreens</name>
    <message>
        <location filename="../../ui/shell/error_screens.py" line="57"/>
        <source>No station configuration was found at %1. The installer writes it; IT can also pass --config PATH or set CARELOOP_CONFIG.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/shell/error_screens.py" line="62"/>
        <source>Fix this in the file, then start Careloop again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/shell/error_screens.py" line="75"/>
        <source>The station configuration needs attention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/shell/error_screens.py" line="104"/>
        <source>This station&apos;s database is from a newer Careloop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/shell/error_screens.py" line="107"/>
        <source>Install the newer Careloop again, or move this file aside and start with an empty database. Records not yet sent stay in the moved file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/shell/error_screens.py" line="112"/>
        <source>This station&apos;s database file cannot be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/shell/error_screens.py" line="115"/>
        <source>The file is damaged or is not a Careloop database. Move it aside and start with an empty database; the file is kept for IT.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/shell/error_screens.py" line="137"/>
        <source>This station&apos;s database cannot be opened or written</source>
        <translation>This station&apos;s database cannot be opened or written</translation>
    </message>
    <message>
        <location filename="../../ui/shell/error_screens.py" line="140"/>
        <source>The disk may be full, or the data folder read-only or not allowed to Careloop. Please call IT; once it is fixed, try again. The file is kept as it is.</source>
        <translation>The disk may be full, or the data folder read-only or not allowed to Careloop. Please call IT; once it is fixed, try again. The file is kept as it is.</translation>
    </message>
</context>
<context>
    <name>Roles</name>
    <message>
        <location filename="../../ui/shell/header.py" line="23"/>
        <source>Dialysis bedside</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/shell/header.py" line="24"/>
        <source>Dialysis centre</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/shell/header.py" line="25"/>
        <source>Waste cart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/shell/header.py" line="26"/>
        <source>Waste storage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/shell/header.py" line="27"/>
        <source>Nurse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/shell/header.py" line="28"/>
        <source>Charge nurse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/shell/header.py" line="29"/>
        <source>Porter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/shell/header.py" line="30"/>
        <source>Storage keeper</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/shell/header.py" line="31"/>
        <source>Administrator</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Screens</name>
    <message>
        <location filename="../../ui/shell/screens.py" line="46"/>
        <source>Today&apos;s treatments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/shell/screens.py" line="66"/>
        <source>Staff</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/shell/screens.py" line="77"/>
        <source>Devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/shell/screens.py" line="92"/>
        <source>Platform sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/shell/screens.py" line="106"/>
        <source>Audit trail</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SignInScreen</name>
    <message>
        <location filename="../../ui/shell/signin_screen.py" line="38"/>
        <location filename="../../ui/shell/signin_screen.py" line="69"/>
        <source>Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/shell/signin_screen.py" line="49"/>
        <source>Face check-in is not set up at this station.
Use your staff number and PIN, or scan your badge.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/shell/signin_screen.py" line="61"/>
        <source>Staff number or badge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/shell/signin_screen.py" line="64"/>
        <location filename="../../ui/shell/signin_screen.py" line="87"/>
        <source>PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/shell/signin_screen.py" line="85"/>
        <source>Staff number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/shell/signin_screen.py" line="131"/>
        <source>Please enter your staff number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/shell/signin_screen.py" line="135"/>
        <source>Please enter your PIN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/shell/signin_screen.py" line="149"/>
        <source>Checking…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StoreErrorScreen</name>
    <message>
        <location filename="../../ui/shell/error_screens.py" line="120"/>
        <source>Move the file aside and start fresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/shell/error_screens.py" line="127"/>
        <source>Nothing is deleted: the file is renamed and kept beside the new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/shell/error_screens.py" line="147"/>
        <source>Try again</source>
        <translation>Try again</translation>
    </message>
</context>
<context>
    <name>Sync</name>
    <message>
        <location filename="../../ui/shell/sync_indicator.py" line="25"/>
        <source>Platform busy; retry at %1</source>
        <translation>Platform busy; retry at %1</translation>
    </message>
    <message>
        <location filename="../../ui/shell/sync_indicator.py" line="27"/>
        <source>Platform fault; retry at %1</source>
        <translation>Platform fault; retry at %1</translation>
    </message>
    <message>
        <location filename="../../ui/shell/sync_indicator.py" line="29"/>
        <source>The platform address does not answer as FHIR; call IT. Retry at %1</source>
        <translation>The platform address does not answer as FHIR; call IT. Retry at %1</translation>
    </message>
    <message>
        <location filename="../../ui/shell/sync_indicator.py" line="33"/>
        <source>The platform refused the request; call IT. Retry at %1</source>
        <translation>The platform refused the request; call IT. Retry at %1</translation>
    </message>
    <message>
        <location filename="../../ui/shell/sync_indicator.py" line="37"/>
        <source>Sync failed; retry at %1</source>
        <translation>Sync failed; retry at %1</translation>
    </message>
    <message>
        <location filename="../../ui/shell/sync_indicator.py" line="47"/>
        <source>%1 waiting since %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/shell/sync_indicator.py" line="53"/>
        <source>%1 need attention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/shell/sync_indicator.py" line="62"/>
        <source>The platform refused the token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/shell/sync_indicator.py" line="67"/>
        <source>The platform&apos;s certificate is not trusted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/shell/sync_indicator.py" line="75"/>
        <source>No network since %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/shell/sync_indicator.py" line="86"/>
        <source>Connecting to the platform…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/shell/sync_indicator.py" line="90"/>
        <source>Sending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/shell/sync_indicator.py" line="92"/>
        <source>Up to date, %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TodayScreen</name>
    <message>
        <location filename="../../ui/shell/home_screens.py" line="52"/>
        <source>Today&apos;s treatments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/shell/home_screens.py" line="56"/>
        <source>Prescriptions come from the hospital platform and cannot be changed here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/shell/home_screens.py" line="61"/>
        <source>Hospital no.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/shell/home_screens.py" line="62"/>
        <source>Patient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/shell/home_screens.py" line="63"/>
        <source>Modality</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/shell/home_screens.py" line="64"/>
        <source>Time
(min)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/shell/home_screens.py" line="65"/>
        <source>Blood flow
(mL/min)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/shell/home_screens.py" line="66"/>
        <source>UF goal
(mL)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/shell/home_screens.py" line="67"/>
        <source>Na
(mmol/L)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/shell/home_screens.py" line="78"/>
        <source>No prescriptions for today yet. They appear here when the platform sends them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/shell/home_screens.py" line="144"/>
        <source>Not usable: %1 is ordered in “%2”, a unit this station does not know. Ask the physician to check the order.</source>
        <translation>Not usable: %1 is ordered in “%2”, a unit this station does not know. Ask the physician to check the order.</translation>
    </message>
    <message>
        <location filename="../../ui/shell/home_screens.py" line="149"/>
        <source>Not usable: %1 has no unit. Ask the physician to check the order.</source>
        <translation>Not usable: %1 has no unit. Ask the physician to check the order.</translation>
    </message>
    <message>
        <location filename="../../ui/shell/home_screens.py" line="153"/>
        <source>Not usable: %1 is not a single value (%2). Ask the physician to check the order.</source>
        <translation>Not usable: %1 is not a single value (%2). Ask the physician to check the order.</translation>
    </message>
    <message>
        <location filename="../../ui/shell/home_screens.py" line="158"/>
        <source>Not usable: the treatment modality is missing. Ask the physician to check the order.</source>
        <translation>Not usable: the treatment modality is missing. Ask the physician to check the order.</translation>
    </message>
    <message>
        <location filename="../../ui/shell/home_screens.py" line="162"/>
        <source>Not usable: %1 cannot be read (%2).</source>
        <translation>Not usable: %1 cannot be read (%2).</translation>
    </message>
</context>
<context>
    <name>_ProblemScreen</name>
    <message>
        <location filename="../../ui/shell/error_screens.py" line="37"/>
        <source>Copy details</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
