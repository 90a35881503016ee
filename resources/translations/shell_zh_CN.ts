<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>AuditScreen</name>
    <message>
        <location filename="../../ui/shell/home_screens.py" line="172" />
        <source>Audit trail</source>
        <translation>审计记录</translation>
    </message>
    <message>
        <location filename="../../ui/shell/home_screens.py" line="176" />
        <source>Every action is recorded in a chain; a changed or removed row breaks the chain.</source>
        <translation>每一个操作都记录在一条链中；任何一行被修改或删除，链就会断开。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/home_screens.py" line="184" />
        <source>Check the audit trail</source>
        <translation>检查审计记录</translation>
    </message>
    <message>
        <location filename="../../ui/shell/home_screens.py" line="198" />
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <location filename="../../ui/shell/home_screens.py" line="206" />
        <source>The chain is whole: no row was changed or removed.</source>
        <translation>记录链完整：没有任何一行被修改或删除。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/home_screens.py" line="213" />
        <source>The chain is broken at row %1: a row was changed or removed.</source>
        <translation>记录链在第 %1 行断开：有记录被修改或删除。</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <location filename="../../ui/shell/errors.py" line="179" />
        <source>Careloop</source>
        <translation>Careloop 护理工作站</translation>
    </message>
    <message>
        <location filename="../../ui/shell/errors.py" line="187" />
        <source>Copy details</source>
        <translation>复制详细信息</translation>
    </message>
    <message>
        <location filename="../../ui/shell/errors.py" line="189" />
        <source>Show details</source>
        <translation>显示详细信息</translation>
    </message>
    <message>
        <location filename="../../ui/shell/errors.py" line="193" />
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>ErrorMessages</name>
    <message>
        <location filename="../../ui/shell/errors.py" line="40" />
        <source>Too many wrong attempts. Try again in a few minutes or ask the charge nurse.</source>
        <translation>错误次数过多。请几分钟后再试，或请护士长协助。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/errors.py" line="47" />
        <source>This badge is not recognised. Sign in with your staff number and PIN, or ask an administrator.</source>
        <translation>无法识别此工牌。请用工号和 PIN 登录，或联系管理员。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/errors.py" line="54" />
        <source>You are no longer an active member of the staff directory, so you cannot sign in here. Please ask an administrator.</source>
        <translation>您已不在在职人员名录中，无法在此登录。请联系管理员。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/errors.py" line="62" />
        <source>Staff number or PIN is not right. Please try again.</source>
        <translation>工号或密码不正确，请重试。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/errors.py" line="68" />
        <source>Your account has no role at this station yet, so you cannot sign in. Please ask an administrator to give you one.</source>
        <translation>您的账号在本工作站尚未分配角色，因此无法登录。请联系管理员为您分配角色。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/errors.py" line="75" />
        <source>You do not have the right to do this.</source>
        <translation>您没有执行此操作的权限。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/errors.py" line="81" />
        <source>The station configuration has a mistake. Please call IT.</source>
        <translation>工作站配置有误，请联系信息科。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/errors.py" line="88" />
        <source>The local database file is damaged or is not a database.</source>
        <translation>本地数据库文件已损坏，或不是数据库文件。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/errors.py" line="95" />
        <source>The local database file is damaged.</source>
        <translation>本地数据库文件已损坏。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/errors.py" line="101" />
        <source>The local database cannot be written: the disk may be full or the folder read-only. Please call IT.</source>
        <translation>无法写入本地数据库：磁盘可能已满，或文件夹为只读。请联系信息科。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/errors.py" line="108" />
        <source>The local database was written by a newer Careloop.</source>
        <translation>本地数据库由更新版本的 Careloop 写入。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/errors.py" line="114" />
        <source>The local database cannot be used.</source>
        <translation>本地数据库无法使用。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/errors.py" line="120" />
        <source>A value is not allowed here.</source>
        <translation>此处不允许该数值。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/errors.py" line="126" />
        <source>The platform refused the station's token. Please call IT.</source>
        <translation>平台拒绝了本工作站的令牌，请联系信息科。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/errors.py" line="133" />
        <source>The platform cannot be reached. Work goes on; records wait and are sent later.</source>
        <translation>无法连接平台。工作可以继续，记录会保存并稍后上传。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/errors.py" line="140" />
        <source>Someone else changed this record. Please look at the difference.</source>
        <translation>其他人修改了这条记录，请查看差异。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/errors.py" line="147" />
        <source>The platform refused a record.</source>
        <translation>平台拒收了一条记录。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/errors.py" line="153" />
        <source>Talking to the platform failed. Records wait and are sent later.</source>
        <translation>与平台通信失败。记录会保存并稍后上传。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/errors.py" line="162" />
        <source>Something went wrong. Nothing you entered was lost. Please tell IT and copy the details.</source>
        <translation>出现了问题，您输入的内容没有丢失。请告知信息科并复制详细信息。</translation>
    </message>
</context>
<context>
    <name>Header</name>
    <message>
        <location filename="../../ui/shell/header.py" line="74" />
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <location filename="../../ui/shell/header.py" line="84" />
        <source>Lock</source>
        <translation>锁屏</translation>
    </message>
    <message>
        <location filename="../../ui/shell/header.py" line="87" />
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <location filename="../../ui/shell/header.py" line="115" />
        <source>Working alone (no platform)</source>
        <translation>单机工作（未连接平台）</translation>
    </message>
    <message>
        <location filename="../../ui/shell/header.py" line="134" />
        <source>Unlocked by %1 · work continues as %2</source>
        <translation>由 %1 解锁 · 继续以 %2 的名义工作</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <location filename="../../ui/shell/lock_screen.py" line="21" />
        <source>Screen locked</source>
        <translation>屏幕已锁定</translation>
    </message>
    <message>
        <location filename="../../ui/shell/lock_screen.py" line="29" />
        <source>Enter your PIN to go on. A supervisor may unlock with their own staff number and PIN.</source>
        <translation>请输入密码继续。上级可用自己的工号和密码解锁。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/lock_screen.py" line="39" />
        <source>PIN</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../ui/shell/lock_screen.py" line="42" />
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <location filename="../../ui/shell/lock_screen.py" line="82" />
        <source>Signed in: %1 (%2)</source>
        <translation>当前登录：%1（%2）</translation>
    </message>
    <message>
        <location filename="../../ui/shell/lock_screen.py" line="99" />
        <source>Please enter your PIN.</source>
        <translation>请输入密码。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/shell/window.py" line="61" />
        <location filename="../../ui/shell/window.py" line="299" />
        <source>Careloop</source>
        <translation>Careloop 护理工作站</translation>
    </message>
    <message>
        <location filename="../../ui/shell/window.py" line="103" />
        <source>Face check-in cannot start: a face model file is missing or has been changed.
Use your staff number and PIN, or scan your badge.
IT: the file and its expected digest are under Devices.</source>
        <translation>刷脸签到无法启动：人脸模型文件缺失或已被改动。
请使用工号和密码，或刷工牌登录。
信息科：文件路径和应有的校验值见“设备”页。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/window.py" line="109" />
        <source>Face check-in cannot start at this station right now.
Use your staff number and PIN, or scan your badge.</source>
        <translation>本机位暂时无法使用刷脸签到。
请使用工号和密码，或刷工牌登录。</translation>
    </message>
</context>
<context>
    <name>ProblemScreens</name>
    <message>
        <location filename="../../ui/shell/error_screens.py" line="57" />
        <source>No station configuration was found at %1. The installer writes it; IT can also pass --config PATH or set CARELOOP_CONFIG.</source>
        <translation>在 %1 未找到工作站配置。配置文件由安装程序写入；信息科也可以使用 --config 路径 或设置 CARELOOP_CONFIG。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/error_screens.py" line="62" />
        <source>Fix this in the file, then start Careloop again.</source>
        <translation>请在配置文件中改正后重新启动 Careloop。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/error_screens.py" line="75" />
        <source>The station configuration needs attention</source>
        <translation>工作站配置需要处理</translation>
    </message>
    <message>
        <location filename="../../ui/shell/error_screens.py" line="104" />
        <source>This station's database is from a newer Careloop</source>
        <translation>本工作站的数据库来自更新版本的 Careloop</translation>
    </message>
    <message>
        <location filename="../../ui/shell/error_screens.py" line="107" />
        <source>Install the newer Careloop again, or move this file aside and start with an empty database. Records not yet sent stay in the moved file.</source>
        <translation>请重新安装较新版本的 Careloop，或将此文件移开并使用空数据库启动。尚未上传的记录保留在移开的文件中。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/error_screens.py" line="112" />
        <source>This station's database file cannot be read</source>
        <translation>无法读取本工作站的数据库文件</translation>
    </message>
    <message>
        <location filename="../../ui/shell/error_screens.py" line="115" />
        <source>The file is damaged or is not a Careloop database. Move it aside and start with an empty database; the file is kept for IT.</source>
        <translation>该文件已损坏或不是 Careloop 数据库。请将其移开并使用空数据库启动；原文件会保留给信息科。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/error_screens.py" line="137" />
        <source>This station's database cannot be opened or written</source>
        <translation>无法打开或写入本工作站的数据库</translation>
    </message>
    <message>
        <location filename="../../ui/shell/error_screens.py" line="140" />
        <source>The disk may be full, or the data folder read-only or not allowed to Careloop. Please call IT; once it is fixed, try again. The file is kept as it is.</source>
        <translation>磁盘可能已满，或数据文件夹为只读、不允许 Careloop 访问。请联系信息科；修复后请重试。原文件保持不变。</translation>
    </message>
</context>
<context>
    <name>Roles</name>
    <message>
        <location filename="../../ui/shell/header.py" line="23" />
        <source>Dialysis bedside</source>
        <translation>透析床旁</translation>
    </message>
    <message>
        <location filename="../../ui/shell/header.py" line="24" />
        <source>Dialysis centre</source>
        <translation>透析中心</translation>
    </message>
    <message>
        <location filename="../../ui/shell/header.py" line="25" />
        <source>Waste cart</source>
        <translation>医废收集车</translation>
    </message>
    <message>
        <location filename="../../ui/shell/header.py" line="26" />
        <source>Waste storage</source>
        <translation>医废暂存间</translation>
    </message>
    <message>
        <location filename="../../ui/shell/header.py" line="27" />
        <source>Nurse</source>
        <translation>护士</translation>
    </message>
    <message>
        <location filename="../../ui/shell/header.py" line="28" />
        <source>Charge nurse</source>
        <translation>护士长</translation>
    </message>
    <message>
        <location filename="../../ui/shell/header.py" line="29" />
        <source>Porter</source>
        <translation>转运员</translation>
    </message>
    <message>
        <location filename="../../ui/shell/header.py" line="30" />
        <source>Storage keeper</source>
        <translation>暂存间管理员</translation>
    </message>
    <message>
        <location filename="../../ui/shell/header.py" line="31" />
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
</context>
<context>
    <name>Screens</name>
    <message>
        <location filename="../../ui/shell/screens.py" line="46" />
        <source>Today's treatments</source>
        <translation>今日治疗</translation>
    </message>
    <message>
        <location filename="../../ui/shell/screens.py" line="66" />
        <source>Staff</source>
        <translation>人员</translation>
    </message>
    <message>
        <location filename="../../ui/shell/screens.py" line="77" />
        <source>Devices</source>
        <translation>设备</translation>
    </message>
    <message>
        <location filename="../../ui/shell/screens.py" line="92" />
        <source>Platform sync</source>
        <translation>平台同步</translation>
    </message>
    <message>
        <location filename="../../ui/shell/screens.py" line="106" />
        <source>Audit trail</source>
        <translation>审计记录</translation>
    </message>
</context>
<context>
    <name>SignInScreen</name>
    <message>
        <location filename="../../ui/shell/signin_screen.py" line="38" />
        <location filename="../../ui/shell/signin_screen.py" line="69" />
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../../ui/shell/signin_screen.py" line="49" />
        <source>Face check-in is not set up at this station.
Use your staff number and PIN, or scan your badge.</source>
        <translation>本工作站未启用人脸签到。
请使用工号和密码，或刷工牌登录。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/signin_screen.py" line="61" />
        <source>Staff number or badge</source>
        <translation>工号或工牌</translation>
    </message>
    <message>
        <location filename="../../ui/shell/signin_screen.py" line="64" />
        <location filename="../../ui/shell/signin_screen.py" line="87" />
        <source>PIN</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../ui/shell/signin_screen.py" line="85" />
        <source>Staff number</source>
        <translation>工号</translation>
    </message>
    <message>
        <location filename="../../ui/shell/signin_screen.py" line="131" />
        <source>Please enter your staff number.</source>
        <translation>请输入工号。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/signin_screen.py" line="135" />
        <source>Please enter your PIN.</source>
        <translation>请输入密码。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/signin_screen.py" line="149" />
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
</context>
<context>
    <name>StoreErrorScreen</name>
    <message>
        <location filename="../../ui/shell/error_screens.py" line="120" />
        <source>Move the file aside and start fresh</source>
        <translation>移开该文件并重新开始</translation>
    </message>
    <message>
        <location filename="../../ui/shell/error_screens.py" line="127" />
        <source>Nothing is deleted: the file is renamed and kept beside the new one.</source>
        <translation>不会删除任何内容：原文件会被重命名并保留在新文件旁边。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/error_screens.py" line="147" />
        <source>Try again</source>
        <translation>重试</translation>
    </message>
</context>
<context>
    <name>Sync</name>
    <message>
        <location filename="../../ui/shell/sync_indicator.py" line="25" />
        <source>Platform busy; retry at %1</source>
        <translation>平台繁忙，%1 重试</translation>
    </message>
    <message>
        <location filename="../../ui/shell/sync_indicator.py" line="27" />
        <source>Platform fault; retry at %1</source>
        <translation>平台故障，%1 重试</translation>
    </message>
    <message>
        <location filename="../../ui/shell/sync_indicator.py" line="29" />
        <source>The platform address does not answer as FHIR; call IT. Retry at %1</source>
        <translation>平台地址的应答不是 FHIR，请联系信息科。%1 重试</translation>
    </message>
    <message>
        <location filename="../../ui/shell/sync_indicator.py" line="33" />
        <source>The platform refused the request; call IT. Retry at %1</source>
        <translation>平台拒绝了请求，请联系信息科。%1 重试</translation>
    </message>
    <message>
        <location filename="../../ui/shell/sync_indicator.py" line="37" />
        <source>Sync failed; retry at %1</source>
        <translation>同步失败，%1 重试</translation>
    </message>
    <message>
        <location filename="../../ui/shell/sync_indicator.py" line="47" />
        <source>%1 waiting since %2</source>
        <translation>%1 条待上传（自 %2 起）</translation>
    </message>
    <message>
        <location filename="../../ui/shell/sync_indicator.py" line="53" />
        <source>%1 need attention</source>
        <translation>%1 条需要处理</translation>
    </message>
    <message>
        <location filename="../../ui/shell/sync_indicator.py" line="62" />
        <source>The platform refused the token</source>
        <translation>平台拒绝了令牌</translation>
    </message>
    <message>
        <location filename="../../ui/shell/sync_indicator.py" line="67" />
        <source>The platform's certificate is not trusted</source>
        <translation>平台证书不受信任</translation>
    </message>
    <message>
        <location filename="../../ui/shell/sync_indicator.py" line="75" />
        <source>No network since %1</source>
        <translation>自 %1 起无网络</translation>
    </message>
    <message>
        <location filename="../../ui/shell/sync_indicator.py" line="86" />
        <source>Connecting to the platform…</source>
        <translation>正在连接平台…</translation>
    </message>
    <message>
        <location filename="../../ui/shell/sync_indicator.py" line="90" />
        <source>Sending</source>
        <translation>正在上传</translation>
    </message>
    <message>
        <location filename="../../ui/shell/sync_indicator.py" line="92" />
        <source>Up to date, %1</source>
        <translation>已同步，%1</translation>
    </message>
</context>
<context>
    <name>TodayScreen</name>
    <message>
        <location filename="../../ui/shell/home_screens.py" line="52" />
        <source>Today's treatments</source>
        <translation>今日治疗</translation>
    </message>
    <message>
        <location filename="../../ui/shell/home_screens.py" line="56" />
        <source>Prescriptions come from the hospital platform and cannot be changed here.</source>
        <translation>处方来自医院平台，在此不能修改。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/home_screens.py" line="61" />
        <source>Hospital no.</source>
        <translation>住院号</translation>
    </message>
    <message>
        <location filename="../../ui/shell/home_screens.py" line="62" />
        <source>Patient</source>
        <translation>患者</translation>
    </message>
    <message>
        <location filename="../../ui/shell/home_screens.py" line="63" />
        <source>Modality</source>
        <translation>治疗方式</translation>
    </message>
    <message>
        <location filename="../../ui/shell/home_screens.py" line="64" />
        <source>Time
(min)</source>
        <translation>时间
（分钟）</translation>
    </message>
    <message>
        <location filename="../../ui/shell/home_screens.py" line="65" />
        <source>Blood flow
(mL/min)</source>
        <translation>血流量
（mL/min）</translation>
    </message>
    <message>
        <location filename="../../ui/shell/home_screens.py" line="66" />
        <source>UF goal
(mL)</source>
        <translation>超滤目标
（mL）</translation>
    </message>
    <message>
        <location filename="../../ui/shell/home_screens.py" line="67" />
        <source>Na
(mmol/L)</source>
        <translation>钠
（mmol/L）</translation>
    </message>
    <message>
        <location filename="../../ui/shell/home_screens.py" line="78" />
        <source>No prescriptions for today yet. They appear here when the platform sends them.</source>
        <translation>今天还没有处方。平台下发后会显示在这里。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/home_screens.py" line="144" />
        <source>Not usable: %1 is ordered in “%2”, a unit this station does not know. Ask the physician to check the order.</source>
        <translation>不可使用：%1的单位“%2”本站无法识别。请医生核对医嘱。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/home_screens.py" line="149" />
        <source>Not usable: %1 has no unit. Ask the physician to check the order.</source>
        <translation>不可使用：%1没有单位。请医生核对医嘱。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/home_screens.py" line="153" />
        <source>Not usable: %1 is not a single value (%2). Ask the physician to check the order.</source>
        <translation>不可使用：%1不是单一数值（%2）。请医生核对医嘱。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/home_screens.py" line="158" />
        <source>Not usable: the treatment modality is missing. Ask the physician to check the order.</source>
        <translation>不可使用：缺少治疗模式。请医生核对医嘱。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/home_screens.py" line="162" />
        <source>Not usable: %1 cannot be read (%2).</source>
        <translation>不可使用：%1无法读取（%2）。</translation>
    </message>
</context>
<context>
    <name>_ProblemScreen</name>
    <message>
        <location filename="../../ui/shell/error_screens.py" line="37" />
        <source>Copy details</source>
        <translation>复制详细信息</translation>
    </message>
</context>
</TS>