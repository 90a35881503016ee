<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>CheckInWidget</name>
    <message>
        <location filename="../../ui/identity/checkin_widget.py" line="100" />
        <source>Starting the camera…</source>
        <translation>正在打开摄像头…</translation>
    </message>
    <message>
        <location filename="../../ui/identity/checkin_widget.py" line="118" />
        <source>Face check-in</source>
        <translation>刷脸签到</translation>
    </message>
    <message>
        <location filename="../../ui/identity/checkin_widget.py" line="141" />
        <source>Face check-in is a convenience. It asks you to move and checks that the same face stays in front of the camera, so a photo held up is refused; a video played on a screen or a mask may not be. Your PIN or badge always works.</source>
        <translation>刷脸签到只是一种便利：它会请您做动作，并检查镜头前始终是同一张脸，因此举起照片会被拒绝；但在屏幕上播放的视频或面具未必能被识破。工号密码或工牌始终可用。</translation>
    </message>
    <message>
        <location filename="../../ui/identity/checkin_widget.py" line="150" />
        <source>Check in with my face</source>
        <translation>刷脸签到</translation>
    </message>
    <message>
        <location filename="../../ui/identity/checkin_widget.py" line="153" />
        <source>Use PIN or badge</source>
        <translation>使用工号密码或工牌</translation>
    </message>
    <message>
        <location filename="../../ui/identity/checkin_widget.py" line="175" />
        <location filename="../../ui/identity/checkin_widget.py" line="207" />
        <source>Camera off</source>
        <translation>摄像头未开启</translation>
    </message>
    <message>
        <location filename="../../ui/identity/checkin_widget.py" line="176" />
        <source>Look at the camera to check in.</source>
        <translation>请看向摄像头签到。</translation>
    </message>
    <message>
        <location filename="../../ui/identity/checkin_widget.py" line="199" />
        <source>Try again</source>
        <translation>再试一次</translation>
    </message>
    <message>
        <location filename="../../ui/identity/checkin_widget.py" line="209" />
        <source>The camera cannot be used right now. Use your PIN or badge.</source>
        <translation>摄像头暂时无法使用，请使用工号密码或工牌。</translation>
    </message>
    <message>
        <location filename="../../ui/identity/checkin_widget.py" line="216" />
        <source>The camera stopped. Try again or use your PIN or badge.</source>
        <translation>摄像头已停止。请再试一次，或使用工号密码或工牌。</translation>
    </message>
    <message>
        <location filename="../../ui/identity/checkin_widget.py" line="256" />
        <source>Almost done: please do this</source>
        <translation>快好了，请按提示做：</translation>
    </message>
    <message>
        <location filename="../../ui/identity/checkin_widget.py" line="258" />
        <source>Hold still…</source>
        <translation>请保持不动…</translation>
    </message>
    <message>
        <location filename="../../ui/identity/checkin_widget.py" line="260" />
        <source>Look at the camera</source>
        <translation>请看向摄像头</translation>
    </message>
    <message>
        <location filename="../../ui/identity/checkin_widget.py" line="261" />
        <source>Only one person please</source>
        <translation>请一次只站一个人</translation>
    </message>
    <message>
        <location filename="../../ui/identity/checkin_widget.py" line="262" />
        <source>Move into the middle of the picture</source>
        <translation>请移到画面中间</translation>
    </message>
    <message>
        <location filename="../../ui/identity/checkin_widget.py" line="263" />
        <source>Come closer</source>
        <translation>请靠近一点</translation>
    </message>
    <message>
        <location filename="../../ui/identity/checkin_widget.py" line="264" />
        <source>Face the camera</source>
        <translation>请正对摄像头</translation>
    </message>
    <message>
        <location filename="../../ui/identity/checkin_widget.py" line="265" />
        <source>Too dark: find more light</source>
        <translation>太暗了，请到亮一点的地方</translation>
    </message>
    <message>
        <location filename="../../ui/identity/checkin_widget.py" line="266" />
        <source>Too bright: step out of the glare</source>
        <translation>太亮了，请避开强光</translation>
    </message>
    <message>
        <location filename="../../ui/identity/checkin_widget.py" line="267" />
        <source>Hold still</source>
        <translation>请保持不动</translation>
    </message>
    <message>
        <location filename="../../ui/identity/checkin_widget.py" line="273" />
        <source>Turn your head to your left</source>
        <translation>请把头转向您的左边</translation>
    </message>
    <message>
        <location filename="../../ui/identity/checkin_widget.py" line="274" />
        <source>Turn your head to your right</source>
        <translation>请把头转向您的右边</translation>
    </message>
    <message>
        <location filename="../../ui/identity/checkin_widget.py" line="275" />
        <source>Come closer to the camera</source>
        <translation>请靠近摄像头</translation>
    </message>
    <message>
        <location filename="../../ui/identity/checkin_widget.py" line="285" />
        <source>The face changed during the check. Try again or use your PIN or badge.</source>
        <translation>核验过程中人脸发生了变化。请重试，或使用工号密码或工牌。</translation>
    </message>
    <message>
        <location filename="../../ui/identity/checkin_widget.py" line="288" />
        <source>Recognised: signing you in…</source>
        <translation>已识别：正在为您登录…</translation>
    </message>
    <message>
        <location filename="../../ui/identity/checkin_widget.py" line="290" />
        <source>Not recognised. Try again or use your PIN or badge.</source>
        <translation>未能识别。请再试一次，或使用工号密码或工牌。</translation>
    </message>
    <message>
        <location filename="../../ui/identity/checkin_widget.py" line="293" />
        <source>The movement was not seen. Try again or use your PIN or badge.</source>
        <translation>未看到所要求的动作。请再试一次，或使用工号密码或工牌。</translation>
    </message>
    <message>
        <location filename="../../ui/identity/checkin_widget.py" line="296" />
        <source>Face check-in is paused for you after several tries. Use your PIN or badge.</source>
        <translation>多次尝试未成功，您的刷脸签到已暂停。请使用工号密码或工牌。</translation>
    </message>
    <message>
        <location filename="../../ui/identity/checkin_widget.py" line="300" />
        <source>No clear face was seen in time. Try again or use your PIN or badge.</source>
        <translation>在规定时间内未看清人脸。请再试一次，或使用工号密码或工牌。</translation>
    </message>
    <message>
        <location filename="../../ui/identity/checkin_widget.py" line="302" />
        <source>Stopped.</source>
        <translation>已停止。</translation>
    </message>
</context>
<context>
    <name>EnrolmentDialog</name>
    <message>
        <location filename="../../ui/identity/enrolment_dialog.py" line="95" />
        <source>Enrol a face</source>
        <translation>录入人脸</translation>
    </message>
    <message>
        <location filename="../../ui/identity/enrolment_dialog.py" line="115" />
        <source>The person has read this and agrees</source>
        <translation>本人已阅读并同意</translation>
    </message>
    <message>
        <location filename="../../ui/identity/enrolment_dialog.py" line="117" />
        <source>Camera off</source>
        <translation>摄像头未开启</translation>
    </message>
    <message>
        <location filename="../../ui/identity/enrolment_dialog.py" line="125" />
        <source>%v of %m good pictures</source>
        <translation>合格照片 %v / %m</translation>
    </message>
    <message>
        <location filename="../../ui/identity/enrolment_dialog.py" line="126" />
        <source>Start camera</source>
        <translation>打开摄像头</translation>
    </message>
    <message>
        <location filename="../../ui/identity/enrolment_dialog.py" line="128" />
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../ui/identity/enrolment_dialog.py" line="131" />
        <source>Delete face template</source>
        <translation>删除人脸模板</translation>
    </message>
    <message>
        <location filename="../../ui/identity/enrolment_dialog.py" line="133" />
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../ui/identity/enrolment_dialog.py" line="145" />
        <source>Staff member</source>
        <translation>员工</translation>
    </message>
    <message>
        <location filename="../../ui/identity/enrolment_dialog.py" line="147" />
        <source>Consent</source>
        <translation>知情同意</translation>
    </message>
    <message>
        <location filename="../../ui/identity/enrolment_dialog.py" line="204" />
        <source>Enough good pictures. Press Save.</source>
        <translation>合格照片已足够，请点击“保存”。</translation>
    </message>
    <message>
        <location filename="../../ui/identity/enrolment_dialog.py" line="207" />
        <source>Good. Move your head a little and hold still.</source>
        <translation>很好。请稍微转动一下头，然后保持不动。</translation>
    </message>
    <message>
        <location filename="../../ui/identity/enrolment_dialog.py" line="213" />
        <source>The camera cannot be used right now.</source>
        <translation>摄像头暂时无法使用。</translation>
    </message>
    <message>
        <location filename="../../ui/identity/enrolment_dialog.py" line="253" />
        <source>Saved. The pictures were not kept.</source>
        <translation>已保存。照片没有被保留。</translation>
    </message>
    <message>
        <location filename="../../ui/identity/enrolment_dialog.py" line="257" />
        <source>The face template was deleted.</source>
        <translation>人脸模板已删除。</translation>
    </message>
    <message>
        <location filename="../../ui/identity/enrolment_dialog.py" line="261" />
        <source>Could not save. Nothing was changed.</source>
        <translation>无法保存，没有做任何更改。</translation>
    </message>
    <message>
        <location filename="../../ui/identity/enrolment_dialog.py" line="290" />
        <location filename="../../ui/identity/enrolment_dialog.py" line="305" />
        <source>Look at the camera</source>
        <translation>请看向摄像头</translation>
    </message>
    <message>
        <location filename="../../ui/identity/enrolment_dialog.py" line="291" />
        <source>Only one person please</source>
        <translation>请一次只站一个人</translation>
    </message>
    <message>
        <location filename="../../ui/identity/enrolment_dialog.py" line="292" />
        <source>Move into the middle of the picture</source>
        <translation>请移到画面中间</translation>
    </message>
    <message>
        <location filename="../../ui/identity/enrolment_dialog.py" line="293" />
        <source>Come closer</source>
        <translation>请靠近一点</translation>
    </message>
    <message>
        <location filename="../../ui/identity/enrolment_dialog.py" line="294" />
        <source>Face the camera</source>
        <translation>请正对摄像头</translation>
    </message>
    <message>
        <location filename="../../ui/identity/enrolment_dialog.py" line="295" />
        <source>Too dark: find more light</source>
        <translation>太暗了，请到亮一点的地方</translation>
    </message>
    <message>
        <location filename="../../ui/identity/enrolment_dialog.py" line="297" />
        <source>Too bright: step out of the glare</source>
        <translation>太亮了，请避开强光</translation>
    </message>
    <message>
        <location filename="../../ui/identity/enrolment_dialog.py" line="299" />
        <location filename="../../ui/identity/enrolment_dialog.py" line="300" />
        <source>Hold still</source>
        <translation>请保持不动</translation>
    </message>
    <message>
        <location filename="../../ui/identity/enrolment_dialog.py" line="302" />
        <source>This looks like someone else. Only the person being enrolled please.</source>
        <translation>这似乎是另一个人。请只让被录入的本人出现在画面中。</translation>
    </message>
</context>
</TS>