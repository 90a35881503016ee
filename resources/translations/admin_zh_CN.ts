<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>DevicesScreen</name>
    <message>
        <location filename="../../ui/admin/devices_screen.py" line="38" />
        <source>Devices</source>
        <translation>设备</translation>
    </message>
    <message>
        <location filename="../../ui/admin/devices_screen.py" line="46" />
        <source>Bed %1 dialysis machine</source>
        <translation>%1 床透析机</translation>
    </message>
    <message>
        <location filename="../../ui/admin/devices_screen.py" line="55" />
        <source>Scale</source>
        <translation>电子秤</translation>
    </message>
    <message>
        <location filename="../../ui/admin/devices_screen.py" line="64" />
        <source>Label printer</source>
        <translation>标签打印机</translation>
    </message>
    <message>
        <location filename="../../ui/admin/devices_screen.py" line="71" />
        <source>Camera</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <location filename="../../ui/admin/devices_screen.py" line="75" />
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <location filename="../../ui/admin/devices_screen.py" line="76" />
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <location filename="../../ui/admin/devices_screen.py" line="77" />
        <source>Protocol</source>
        <translation>协议</translation>
    </message>
    <message>
        <location filename="../../ui/admin/devices_screen.py" line="78" />
        <source>Port present</source>
        <translation>端口存在</translation>
    </message>
    <message>
        <location filename="../../ui/admin/devices_screen.py" line="83" />
        <source>Serial port</source>
        <translation>串口</translation>
    </message>
    <message>
        <location filename="../../ui/admin/devices_screen.py" line="83" />
        <source>Description</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../../ui/admin/devices_screen.py" line="88" />
        <source>Configured for this station</source>
        <translation>本工作站配置的设备</translation>
    </message>
    <message>
        <location filename="../../ui/admin/devices_screen.py" line="92" />
        <source>Bed</source>
        <translation>床位</translation>
    </message>
    <message>
        <location filename="../../ui/admin/devices_screen.py" line="93" />
        <source>Machine link</source>
        <translation>透析机连接</translation>
    </message>
    <message>
        <location filename="../../ui/admin/devices_screen.py" line="94" />
        <source>Machine</source>
        <translation>透析机</translation>
    </message>
    <message>
        <location filename="../../ui/admin/devices_screen.py" line="95" />
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../ui/admin/devices_screen.py" line="117" />
        <source>Dialysis machine links</source>
        <translation>透析机连接状态</translation>
    </message>
    <message>
        <location filename="../../ui/admin/devices_screen.py" line="121" />
        <source>Serial ports on this PC</source>
        <translation>本机串口</translation>
    </message>
    <message>
        <location filename="../../ui/admin/devices_screen.py" line="139" />
        <source>connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <location filename="../../ui/admin/devices_screen.py" line="140" />
        <source>degraded</source>
        <translation>连接不稳定</translation>
    </message>
    <message>
        <location filename="../../ui/admin/devices_screen.py" line="141" />
        <source>disconnected</source>
        <translation>未连接</translation>
    </message>
    <message>
        <location filename="../../ui/admin/devices_screen.py" line="146" />
        <source>not yet identified</source>
        <translation>尚未识别</translation>
    </message>
    <message>
        <location filename="../../ui/admin/devices_screen.py" line="151" />
        <source>Bed %1</source>
        <translation>%1 号床</translation>
    </message>
    <message>
        <location filename="../../ui/admin/devices_screen.py" line="169" />
        <source>Face check-in could not start: %1</source>
        <translation>刷脸签到无法启动：%1</translation>
    </message>
    <message>
        <location filename="../../ui/admin/devices_screen.py" line="173" />
        <source>Face check-in could not start: a model file is missing.</source>
        <translation>刷脸签到无法启动：缺少人脸模型文件。</translation>
    </message>
    <message>
        <location filename="../../ui/admin/devices_screen.py" line="176" />
        <source>Face check-in could not start: a model file has been changed.</source>
        <translation>刷脸签到无法启动：人脸模型文件已被改动。</translation>
    </message>
    <message>
        <location filename="../../ui/admin/devices_screen.py" line="180" />
        <source>Face check-in could not start: a model file cannot be read.</source>
        <translation>刷脸签到无法启动：人脸模型文件无法读取。</translation>
    </message>
    <message>
        <location filename="../../ui/admin/devices_screen.py" line="182" />
        <source>File: %1</source>
        <translation>文件：%1</translation>
    </message>
    <message>
        <location filename="../../ui/admin/devices_screen.py" line="184" />
        <source>Expected SHA-256: %1</source>
        <translation>应有的 SHA-256：%1</translation>
    </message>
    <message>
        <location filename="../../ui/admin/devices_screen.py" line="186" />
        <source>Found SHA-256: %1</source>
        <translation>实际的 SHA-256：%1</translation>
    </message>
    <message>
        <location filename="../../ui/admin/devices_screen.py" line="191" />
        <source>network</source>
        <translation>网络</translation>
    </message>
    <message>
        <location filename="../../ui/admin/devices_screen.py" line="192" />
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../ui/admin/devices_screen.py" line="192" />
        <source>not found</source>
        <translation>未找到</translation>
    </message>
</context>
<context>
    <name>StaffScreen</name>
    <message>
        <location filename="../../ui/admin/staff_screen.py" line="39" />
        <source>Staff and faces</source>
        <translation>人员与人脸</translation>
    </message>
    <message>
        <location filename="../../ui/admin/staff_screen.py" line="44" />
        <source>Face templates are stored encrypted, never as photos, and shared with the hospital's other stations through the platform, which keeps only ciphertext it cannot open (hospital key). Enrolment records the person's consent.</source>
        <translation>人脸模板加密保存，从不保存照片，并经平台与本院其他工作站共享；平台只保存它无法解开的密文（医院密钥）。录入时记录本人的知情同意。</translation>
    </message>
    <message>
        <location filename="../../ui/admin/staff_screen.py" line="51" />
        <source>Face templates are stored encrypted, never as photos, at this station only. Enrolment records the person's consent.</source>
        <translation>人脸模板仅加密保存在本工作站，从不保存照片。录入时记录本人的知情同意。</translation>
    </message>
    <message>
        <location filename="../../ui/admin/staff_screen.py" line="56" />
        <source>This station has no camera configured, so face check-in is not used here. Faces are enrolled per station, at each station where the person checks in.</source>
        <translation>本工作站未配置摄像头，因此不使用刷脸签到。人脸按工作站录入：需在本人刷脸签到的每个工作站分别录入。</translation>
    </message>
    <message>
        <location filename="../../ui/admin/staff_screen.py" line="65" />
        <source>Staff no.</source>
        <translation>工号</translation>
    </message>
    <message>
        <location filename="../../ui/admin/staff_screen.py" line="66" />
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../ui/admin/staff_screen.py" line="67" />
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../ui/admin/staff_screen.py" line="68" />
        <source>PIN set</source>
        <translation>已设密码</translation>
    </message>
    <message>
        <location filename="../../ui/admin/staff_screen.py" line="69" />
        <source>Face enrolled</source>
        <translation>已录人脸</translation>
    </message>
    <message>
        <location filename="../../ui/admin/staff_screen.py" line="77" />
        <source>Enrol or delete a face…</source>
        <translation>录入或删除人脸…</translation>
    </message>
    <message>
        <location filename="../../ui/admin/staff_screen.py" line="93" />
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../ui/admin/staff_screen.py" line="93" />
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../ui/admin/staff_screen.py" line="102" />
        <source>re-enrol: the model changed</source>
        <translation>需重新录入：模型已更换</translation>
    </message>
    <message>
        <location filename="../../ui/admin/staff_screen.py" line="114" />
        <source>I agree that Careloop keeps a mathematical template of my face, not a photo, to check me in at this hospital's stations. It is encrypted with the hospital's key and shared between the stations through the hospital platform, which keeps it encrypted and cannot open it. I can ask for it to be deleted at any time; it is deleted when I leave the staff directory. I can always sign in with my staff number and PIN or my badge instead.</source>
        <translation>我同意 Careloop 保存我的人脸数学模板（不是照片），用于在本院各工作站签到。模板用医院密钥加密，经医院平台在各工作站之间共享；平台只保存加密后的模板，无法解开。我可以随时要求删除该模板；我离开在职人员名录时模板也会被删除。我始终可以改用工号和密码或工牌登录。</translation>
    </message>
    <message>
        <location filename="../../ui/admin/staff_screen.py" line="124" />
        <source>I agree that Careloop keeps a mathematical template of my face, not a photo, to check me in at this station only (other stations keep no copy). I can ask for it to be deleted at any time; it is deleted when I leave the staff directory. I can always sign in with my staff number and PIN or my badge instead.</source>
        <translation>我同意 Careloop 保存我的人脸数学模板（不是照片），仅用于在本工作站签到（其他工作站不保存副本）。我可以随时要求删除该模板；我离开在职人员名录时模板也会被删除。我始终可以改用工号和密码或工牌登录。</translation>
    </message>
</context>
<context>
    <name>SyncPanel</name>
    <message>
        <location filename="../../ui/admin/sync_panel.py" line="85" />
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <location filename="../../ui/admin/sync_panel.py" line="87" />
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../ui/admin/sync_panel.py" line="91" />
        <location filename="../../ui/admin/sync_panel.py" line="96" />
        <location filename="../../ui/admin/sync_panel.py" line="134" />
        <source>Record type</source>
        <translation>记录类型</translation>
    </message>
    <message>
        <location filename="../../ui/admin/sync_panel.py" line="91" />
        <source>Changes pulled up to</source>
        <translation>已拉取至</translation>
    </message>
    <message>
        <location filename="../../ui/admin/sync_panel.py" line="95" />
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <location filename="../../ui/admin/sync_panel.py" line="97" />
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/admin/sync_panel.py" line="98" />
        <location filename="../../ui/admin/sync_panel.py" line="138" />
        <source>Tries</source>
        <translation>尝试次数</translation>
    </message>
    <message>
        <location filename="../../ui/admin/sync_panel.py" line="99" />
        <source>Made at</source>
        <translation>生成时间</translation>
    </message>
    <message>
        <location filename="../../ui/admin/sync_panel.py" line="100" />
        <source>Platform's answer</source>
        <translation>平台回复</translation>
    </message>
    <message>
        <location filename="../../ui/admin/sync_panel.py" line="108" />
        <source>Choose a row to see what the platform said about it.</source>
        <translation>选择一行，查看平台对它的回复。</translation>
    </message>
    <message>
        <location filename="../../ui/admin/sync_panel.py" line="110" />
        <source>Send again</source>
        <translation>重新发送</translation>
    </message>
    <message>
        <location filename="../../ui/admin/sync_panel.py" line="113" />
        <source>Keep the platform's version</source>
        <translation>保留平台上的版本</translation>
    </message>
    <message>
        <location filename="../../ui/admin/sync_panel.py" line="116" />
        <source>Stop sending this station's change; the platform's version stays and reaches this station at the next sync. The row is kept in the record.</source>
        <translation>不再发送本机的修改；保留平台上的版本，下次同步时同步到本机。这条记录仍会保留。</translation>
    </message>
    <message>
        <location filename="../../ui/admin/sync_panel.py" line="125" />
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/admin/sync_panel.py" line="126" />
        <source>Request</source>
        <translation>请求</translation>
    </message>
    <message>
        <location filename="../../ui/admin/sync_panel.py" line="127" />
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../ui/admin/sync_panel.py" line="128" />
        <source>Records</source>
        <translation>记录数</translation>
    </message>
    <message>
        <location filename="../../ui/admin/sync_panel.py" line="129" />
        <source>ms</source>
        <translation>毫秒</translation>
    </message>
    <message>
        <location filename="../../ui/admin/sync_panel.py" line="135" />
        <source>Platform id</source>
        <translation>平台编号</translation>
    </message>
    <message>
        <location filename="../../ui/admin/sync_panel.py" line="136" />
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location filename="../../ui/admin/sync_panel.py" line="137" />
        <source>First seen</source>
        <translation>首次收到</translation>
    </message>
    <message>
        <location filename="../../ui/admin/sync_panel.py" line="139" />
        <source>Why it was not applied</source>
        <translation>未采用的原因</translation>
    </message>
    <message>
        <location filename="../../ui/admin/sync_panel.py" line="144" />
        <source>These records came from the platform but could not be used. They are kept and tried again at every sync, for example after the station's configuration is corrected.</source>
        <translation>这些记录来自平台但无法使用。它们被保留，每次同步都会重试，例如在本站配置更正之后。</translation>
    </message>
    <message>
        <location filename="../../ui/admin/sync_panel.py" line="159" />
        <source>Pulled from the platform</source>
        <translation>从平台拉取</translation>
    </message>
    <message>
        <location filename="../../ui/admin/sync_panel.py" line="161" />
        <source>Waiting to be sent or set aside</source>
        <translation>待发送或已搁置</translation>
    </message>
    <message>
        <location filename="../../ui/admin/sync_panel.py" line="172" />
        <source>Recent exchanges</source>
        <translation>最近的通信</translation>
    </message>
    <message>
        <location filename="../../ui/admin/sync_panel.py" line="174" />
        <source>Pulled but not applied</source>
        <translation>已接收但未采用</translation>
    </message>
    <message>
        <location filename="../../ui/admin/sync_panel.py" line="253" />
        <source>waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <location filename="../../ui/admin/sync_panel.py" line="254" />
        <source>refused by the platform</source>
        <translation>被平台拒收</translation>
    </message>
    <message>
        <location filename="../../ui/admin/sync_panel.py" line="255" />
        <source>changed by someone else</source>
        <translation>已被他人修改</translation>
    </message>
    <message>
        <location filename="../../ui/admin/sync_panel.py" line="261" />
        <source>no network</source>
        <translation>无网络</translation>
    </message>
    <message>
        <location filename="../../ui/admin/sync_panel.py" line="262" />
        <source>no answer in time</source>
        <translation>未及时应答</translation>
    </message>
    <message>
        <location filename="../../ui/admin/sync_panel.py" line="263" />
        <source>certificate not trusted</source>
        <translation>证书不受信任</translation>
    </message>
    <message>
        <location filename="../../ui/admin/sync_panel.py" line="264" />
        <source>token refused</source>
        <translation>令牌被拒绝</translation>
    </message>
    <message>
        <location filename="../../ui/admin/sync_panel.py" line="265" />
        <source>platform busy</source>
        <translation>平台繁忙</translation>
    </message>
    <message>
        <location filename="../../ui/admin/sync_panel.py" line="266" />
        <source>platform fault</source>
        <translation>平台故障</translation>
    </message>
    <message>
        <location filename="../../ui/admin/sync_panel.py" line="267" />
        <source>not a FHIR answer</source>
        <translation>不是 FHIR 应答</translation>
    </message>
    <message>
        <location filename="../../ui/admin/sync_panel.py" line="268" />
        <source>request refused</source>
        <translation>请求被拒绝</translation>
    </message>
</context>
</TS>