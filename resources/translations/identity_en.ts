<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>CheckInWidget</name>
    <message>
        <location filename="../../ui/identity/checkin_widget.py" line="100"/>
        <source>Starting the camera…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/identity/checkin_widget.py" line="118"/>
        <source>Face check-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/identity/checkin_widget.py" line="141"/>
        <source>Face check-in is a convenience. It asks you to move and checks that the same face stays in front of the camera, so a photo held up is refused; a video played on a screen or a mask may not be. Your PIN or badge always works.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/identity/checkin_widget.py" line="150"/>
        <source>Check in with my face</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/identity/checkin_widget.py" line="153"/>
        <source>Use PIN or badge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/identity/checkin_widget.py" line="175"/>
        <location filename="../../ui/identity/checkin_widget.py" line="207"/>
        <source>Camera off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/identity/checkin_widget.py" line="176"/>
        <source>Look at the camera to check in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/identity/checkin_widget.py" line="199"/>
        <source>Try again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/identity/checkin_widget.py" line="209"/>
        <source>The camera cannot be used right now. Use your PIN or badge.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/identity/checkin_widget.py" line="216"/>
        <source>The camera stopped. Try again or use your PIN or badge.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/identity/checkin_widget.py" line="256"/>
        <source>Almost done: please do this</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/identity/checkin_widget.py" line="258"/>
        <source>Hold still…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/identity/checkin_widget.py" line="260"/>
        <source>Look at the camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/identity/checkin_widget.py" line="261"/>
        <source>Only one person please</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/identity/checkin_widget.py" line="262"/>
        <source>Move into the middle of the picture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/identity/checkin_widget.py" line="263"/>
        <source>Come closer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/identity/checkin_widget.py" line="264"/>
        <source>Face the camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/identity/checkin_widget.py" line="265"/>
        <source>Too dark: find more light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/identity/checkin_widget.py" line="266"/>
        <source>Too bright: step out of the glare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/identity/checkin_widget.py" line="267"/>
        <source>Hold still</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/identity/checkin_widget.py" line="273"/>
        <source>Turn your head to your left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/identity/checkin_widget.py" line="274"/>
        <source>Turn your head to your right</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/identity/checkin_widget.py" line="275"/>
        <source>Come closer to the camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/identity/checkin_widget.py" line="285"/>
        <source>The face changed during the check. Try again or use your PIN or badge.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/identity/checkin_widget.py" line="288"/>
        <source>Recognised: signing you in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/identity/checkin_widget.py" line="290"/>
        <source>Not recognised. Try again or use your PIN or badge.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/identity/checkin_widget.py" line="293"/>
        <source>The movement was not seen. Try again or use your PIN or badge.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/identity/checkin_widget.py" line="296"/>
        <source>Face check-in is paused for you after several tries. Use your PIN or badge.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/identity/checkin_widget.py" line="300"/>
        <source>No clear face was seen in time. Try again or use your PIN or badge.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/identity/checkin_widget.py" line="302"/>
        <source>Stopped.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EnrolmentDialog</name>
    <message>
        <location filename="../../ui/identity/enrolment_dialog.py" line="95"/>
        <source>Enrol a face</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/identity/enrolment_dialog.py" line="115"/>
        <source>The person has read this and agrees</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/identity/enrolment_dialog.py" line="117"/>
        <source>Camera off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/identity/enrolment_dialog.py" line="125"/>
        <source>%v of %m good pictures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/identity/enrolment_dialog.py" line="126"/>
        <source>Start camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/identity/enrolment_dialog.py" line="128"/>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/identity/enrolment_dialog.py" line="131"/>
        <source>Delete face template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/identity/enrolment_dialog.py" line="133"/>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/identity/enrolment_dialog.py" line="145"/>
        <source>Staff member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/identity/enrolment_dialog.py" line="147"/>
        <source>Consent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/identity/enrolment_dialog.py" line="204"/>
        <source>Enough good pictures. Press Save.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/identity/enrolment_dialog.py" line="207"/>
        <source>Good. Move your head a little and hold still.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/identity/enrolment_dialog.py" line="213"/>
        <source>The camera cannot be used right now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/identity/enrolment_dialog.py" line="253"/>
        <source>Saved. The pictures were not kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/identity/enrolment_dialog.py" line="257"/>
        <source>The face template was deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/identity/enrolment_dialog.py" line="261"/>
        <source>Could not save. Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/identity/enrolment_dialog.py" line="290"/>
        <location filename="../../ui/identity/enrolment_dialog.py" line="305"/>
        <source>Look at the camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/identity/enrolment_dialog.py" line="291"/>
        <source>Only one person please</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/identity/enrolment_dialog.py" line="292"/>
        <source>Move into the middle of the picture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/identity/enrolment_dialog.py" line="293"/>
        <source>Come closer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/identity/enrolment_dialog.py" line="294"/>
        <source>Face the camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/identity/enrolment_dialog.py" line="295"/>
        <source>Too dark: find more light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/identity/enrolment_dialog.py" line="297"/>
        <source>Too bright: step out of the glare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/identity/enrolment_dialog.py" line="299"/>
        <location filename="../../ui/identity/enrolment_dialog.py" line="300"/>
        <source>Hold still</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/identity/enrolment_dialog.py" line="302"/>
        <source>This looks like someone else. Only the person being enrolled please.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
