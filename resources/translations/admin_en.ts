<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US">
<context>
    <name>DevicesScreen</name>
    <message>
        <location filename="../../ui/admin/devices_screen.py" line="38" />
        <source>Devices</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/admin/devices_screen.py" line="46" />
        <source>Bed %1 dialysis machine</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/admin/devices_screen.py" line="55" />
        <source>Scale</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/admin/devices_screen.py" line="64" />
        <source>Label printer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/admin/devices_screen.py" line="71" />
        <source>Camera</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/admin/devices_screen.py" line="75" />
        <source>Device</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/admin/devices_screen.py" line="76" />
        <source>Port</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/admin/devices_screen.py" line="77" />
        <source>Protocol</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/admin/devices_screen.py" line="78" />
        <source>Port present</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/admin/devices_screen.py" line="83" />
        <source>Serial port</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/admin/devices_screen.py" line="83" />
        <source>Description</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/admin/devices_screen.py" line="88" />
        <source>Configured for this station</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/admin/devices_screen.py" line="92" />
        <source>Bed</source>
        <translation>Bed</translation>
    </message>
    <message>
        <location filename="../../ui/admin/devices_screen.py" line="93" />
        <source>Machine link</source>
        <translation>Machine link</translation>
    </message>
    <message>
        <location filename="../../ui/admin/devices_screen.py" line="94" />
        <source>Machine</source>
        <translation>Machine</translation>
    </message>
    <message>
        <location filename="../../ui/admin/devices_screen.py" line="95" />
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../ui/admin/devices_screen.py" line="117" />
        <source>Dialysis machine links</source>
        <translation>Dialysis machine links</translation>
    </message>
    <message>
        <location filename="../../ui/admin/devices_screen.py" line="121" />
        <source>Serial ports on this PC</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/admin/devices_screen.py" line="139" />
        <source>connected</source>
        <translation>connected</translation>
    </message>
    <message>
        <location filename="../../ui/admin/devices_screen.py" line="140" />
        <source>degraded</source>
        <translation>degraded</translation>
    </message>
    <message>
        <location filename="../../ui/admin/devices_screen.py" line="141" />
        <source>disconnected</source>
        <translation>disconnected</translation>
    </message>
    <message>
        <location filename="../../ui/admin/devices_screen.py" line="146" />
        <source>not yet identified</source>
        <translation>not yet identified</translation>
    </message>
    <message>
        <location filename="../../ui/admin/devices_screen.py" line="151" />
        <source>Bed %1</source>
        <translation>Bed %1</translation>
    </message>
    <message>
        <location filename="../../ui/admin/devices_screen.py" line="169" />
        <source>Face check-in could not start: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/admin/devices_screen.py" line="173" />
        <source>Face check-in could not start: a model file is missing.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/admin/devices_screen.py" line="176" />
        <source>Face check-in could not start: a model file has been changed.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/admin/devices_screen.py" line="180" />
        <source>Face check-in could not start: a model file cannot be read.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/admin/devices_screen.py" line="182" />
        <source>File: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/admin/devices_screen.py" line="184" />
        <source>Expected SHA-256: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/admin/devices_screen.py" line="186" />
        <source>Found SHA-256: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/admin/devices_screen.py" line="191" />
        <source>network</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/admin/devices_screen.py" line="192" />
        <source>yes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/admin/devices_screen.py" line="192" />
        <source>not found</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>StaffScreen</name>
    <message>
        <location filename="../../ui/admin/staff_screen.py" line="39" />
        <source>Staff and faces</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/admin/staff_screen.py" line="44" />
        <source>Face templates are stored encrypted, never as photos, and shared with the hospital's other stations through the platform, which keeps only ciphertext it cannot open (hospital key). Enrolment records the person's consent.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/admin/staff_screen.py" line="51" />
        <source>Face templates are stored encrypted, never as photos, at this station only. Enrolment records the person's consent.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/admin/staff_screen.py" line="56" />
        <source>This station has no camera configured, so face check-in is not used here. Faces are enrolled per station, at each station where the person checks in.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/admin/staff_screen.py" line="65" />
        <source>Staff no.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/admin/staff_screen.py" line="66" />
        <source>Name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/admin/staff_screen.py" line="67" />
        <source>Role</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/admin/staff_screen.py" line="68" />
        <source>PIN set</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/admin/staff_screen.py" line="69" />
        <source>Face enrolled</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/admin/staff_screen.py" line="77" />
        <source>Enrol or delete a face…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/admin/staff_screen.py" line="93" />
        <source>yes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/admin/staff_screen.py" line="93" />
        <source>no</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/admin/staff_screen.py" line="102" />
        <source>re-enrol: the model changed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/admin/staff_screen.py" line="114" />
        <source>I agree that Careloop keeps a mathematical template of my face, not a photo, to check me in at this hospital's stations. It is encrypted with the hospital's key and shared between the stations through the hospital platform, which keeps it encrypted and cannot open it. I can ask for it to be deleted at any time; it is deleted when I leave the staff directory. I can always sign in with my staff number and PIN or my badge instead.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/admin/staff_screen.py" line="124" />
        <source>I agree that Careloop keeps a mathematical template of my face, not a photo, to check me in at this station only (other stations keep no copy). I can ask for it to be deleted at any time; it is deleted when I leave the staff directory. I can always sign in with my staff number and PIN or my badge instead.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>SyncPanel</name>
    <message>
        <location filename="../../ui/admin/sync_panel.py" line="85" />
        <source>Sync now</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/admin/sync_panel.py" line="87" />
        <source>Refresh</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/admin/sync_panel.py" line="91" />
        <location filename="../../ui/admin/sync_panel.py" line="96" />
        <location filename="../../ui/admin/sync_panel.py" line="134" />
        <source>Record type</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/admin/sync_panel.py" line="91" />
        <source>Changes pulled up to</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/admin/sync_panel.py" line="95" />
        <source>No.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/admin/sync_panel.py" line="97" />
        <source>State</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/admin/sync_panel.py" line="98" />
        <location filename="../../ui/admin/sync_panel.py" line="138" />
        <source>Tries</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/admin/sync_panel.py" line="99" />
        <source>Made at</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/admin/sync_panel.py" line="100" />
        <source>Platform's answer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/admin/sync_panel.py" line="108" />
        <source>Choose a row to see what the platform said about it.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/admin/sync_panel.py" line="110" />
        <source>Send again</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/admin/sync_panel.py" line="113" />
        <source>Keep the platform's version</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/admin/sync_panel.py" line="116" />
        <source>Stop sending this station's change; the platform's version stays and reaches this station at the next sync. The row is kept in the record.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/admin/sync_panel.py" line="125" />
        <source>Time</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/admin/sync_panel.py" line="126" />
        <source>Request</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/admin/sync_panel.py" line="127" />
        <source>Result</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/admin/sync_panel.py" line="128" />
        <source>Records</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/admin/sync_panel.py" line="129" />
        <source>ms</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/admin/sync_panel.py" line="135" />
        <source>Platform id</source>
        <translation>Platform id</translation>
    </message>
    <message>
        <location filename="../../ui/admin/sync_panel.py" line="136" />
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../../ui/admin/sync_panel.py" line="137" />
        <source>First seen</source>
        <translation>First seen</translation>
    </message>
    <message>
        <location filename="../../ui/admin/sync_panel.py" line="139" />
        <source>Why it was not applied</source>
        <translation>Why it was not applied</translation>
    </message>
    <message>
        <location filename="../../ui/admin/sync_panel.py" line="144" />
        <source>These records came from the platform but could not be used. They are kept and tried again at every sync, for example after the station's configuration is corrected.</source>
        <translation>These records came from the platform but could not be used. They are kept and tried again at every sync, for example after the station's configuration is corrected.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/sync_panel.py" line="159" />
        <source>Pulled from the platform</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/admin/sync_panel.py" line="161" />
        <source>Waiting to be sent or set aside</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/admin/sync_panel.py" line="172" />
        <source>Recent exchanges</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/admin/sync_panel.py" line="174" />
        <source>Pulled but not applied</source>
        <translation>Pulled but not applied</translation>
    </message>
    <message>
        <location filename="../../ui/admin/sync_panel.py" line="253" />
        <source>waiting</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/admin/sync_panel.py" line="254" />
        <source>refused by the platform</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/admin/sync_panel.py" line="255" />
        <source>changed by someone else</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/admin/sync_panel.py" line="261" />
        <source>no network</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/admin/sync_panel.py" line="262" />
        <source>no answer in time</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/admin/sync_panel.py" line="263" />
        <source>certificate not trusted</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/admin/sync_panel.py" line="264" />
        <source>token refused</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/admin/sync_panel.py" line="265" />
        <source>platform busy</source>
        <translation>platform busy</translation>
    </message>
    <message>
        <location filename="../../ui/admin/sync_panel.py" line="266" />
        <source>platform fault</source>
        <translation>platform fault</translation>
    </message>
    <message>
        <location filename="../../ui/admin/sync_panel.py" line="267" />
        <source>not a FHIR answer</source>
        <translation>not a FHIR answer</translation>
    </message>
    <message>
        <location filename="../../ui/admin/sync_panel.py" line="268" />
        <source>request refused</source>
        <translation>request refused</translation>
    </message>
</context>
</TS>