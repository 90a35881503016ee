<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>CartScreen</name>
    <message>
        <location filename="../../ui/waste/cart_screen.py" line="19" />
        <source>Cart load</source>
        <translation>车载清单</translation>
    </message>
    <message>
        <location filename="../../ui/waste/cart_screen.py" line="22" />
        <source>Bag</source>
        <translation>袋号</translation>
    </message>
    <message>
        <location filename="../../ui/waste/cart_screen.py" line="22" />
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../ui/waste/cart_screen.py" line="22" />
        <source>Ward</source>
        <translation>科室</translation>
    </message>
    <message>
        <location filename="../../ui/waste/cart_screen.py" line="22" />
        <source>Weight</source>
        <translation>重量</translation>
    </message>
    <message>
        <location filename="../../ui/waste/cart_screen.py" line="28" />
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../ui/waste/cart_screen.py" line="46" />
        <source>Sign in first</source>
        <translation>请先签到</translation>
    </message>
    <message>
        <location filename="../../ui/waste/cart_screen.py" line="61" />
        <source> (typed)</source>
        <translation>（手工录入）</translation>
    </message>
    <message>
        <location filename="../../ui/waste/cart_screen.py" line="67" />
        <source>%1: %2 bag(s), %3</source>
        <translation>%1：%2 袋，%3</translation>
    </message>
    <message>
        <location filename="../../ui/waste/cart_screen.py" line="73" />
        <source>Total: %1</source>
        <translation>合计：%1</translation>
    </message>
</context>
<context>
    <name>IntakeScreen</name>
    <message>
        <location filename="../../ui/waste/intake_screen.py" line="32" />
        <source>Storage intake</source>
        <translation>暂存入库</translation>
    </message>
    <message>
        <location filename="../../ui/waste/intake_screen.py" line="41" />
        <source>Receive</source>
        <translation>入库</translation>
    </message>
    <message>
        <location filename="../../ui/waste/intake_screen.py" line="69" />
        <source>Liquid drained or leaked from the bag</source>
        <translation>袋内液体渗漏或流失</translation>
    </message>
    <message>
        <location filename="../../ui/waste/intake_screen.py" line="70" />
        <source>The ward scale was not zeroed</source>
        <translation>科室称重时秤未归零</translation>
    </message>
    <message>
        <location filename="../../ui/waste/intake_screen.py" line="71" />
        <source>Bag re-packed at storage</source>
        <translation>暂存处重新包装</translation>
    </message>
    <message>
        <location filename="../../ui/waste/intake_screen.py" line="72" />
        <source>Checked with the porter: weight accepted</source>
        <translation>已与收集人核对，接受该重量</translation>
    </message>
    <message>
        <location filename="../../ui/waste/intake_screen.py" line="86" />
        <source>No bag has code %1</source>
        <translation>没有袋号为 %1 的医废袋</translation>
    </message>
    <message>
        <location filename="../../ui/waste/intake_screen.py" line="88" />
        <source>Put the bag on the scale</source>
        <translation>请将医废袋放上秤</translation>
    </message>
    <message>
        <location filename="../../ui/waste/intake_screen.py" line="97" />
        <source>The scale is not answering. Check its cable.</source>
        <translation>秤无响应，请检查连接线。</translation>
    </message>
    <message>
        <location filename="../../ui/waste/intake_screen.py" line="106" />
        <source>Scan a bag to receive it</source>
        <translation>请扫描医废袋以入库</translation>
    </message>
    <message>
        <location filename="../../ui/waste/intake_screen.py" line="109" />
        <source>%1 · %2 · %3 · collected %4</source>
        <translation>%1 · %2 · %3 · 收集时 %4</translation>
    </message>
    <message>
        <location filename="../../ui/waste/intake_screen.py" line="133" />
        <source>Sign in first</source>
        <translation>请先签到</translation>
    </message>
    <message>
        <location filename="../../ui/waste/intake_screen.py" line="155" />
        <source>Collected %1, now %2: more than %3 apart. Intake is blocked until you choose a reason.</source>
        <translation>收集时 %1，现在 %2：差值超过 %3。请选择原因后方可入库。</translation>
    </message>
    <message>
        <location filename="../../ui/waste/intake_screen.py" line="171" />
        <source>%1 received at %2</source>
        <translation>%1 已入库，重量 %2</translation>
    </message>
</context>
<context>
    <name>OutboundScreen</name>
    <message>
        <location filename="../../ui/waste/outbound_screen.py" line="97" />
        <source>Outbound handover</source>
        <translation>出库交接</translation>
    </message>
    <message>
        <location filename="../../ui/waste/outbound_screen.py" line="101" />
        <source>New number</source>
        <translation>新编号</translation>
    </message>
    <message>
        <location filename="../../ui/waste/outbound_screen.py" line="110" />
        <location filename="../../ui/waste/outbound_screen.py" line="116" />
        <source>Other: type</source>
        <translation>其他：输入</translation>
    </message>
    <message>
        <location filename="../../ui/waste/outbound_screen.py" line="128" />
        <source>Manifest number</source>
        <translation>联单编号</translation>
    </message>
    <message>
        <location filename="../../ui/waste/outbound_screen.py" line="129" />
        <source>Disposal company</source>
        <translation>处置单位</translation>
    </message>
    <message>
        <location filename="../../ui/waste/outbound_screen.py" line="130" />
        <source>Vehicle</source>
        <translation>车牌号</translation>
    </message>
    <message>
        <location filename="../../ui/waste/outbound_screen.py" line="131" />
        <source>Driver</source>
        <translation>驾驶员</translation>
    </message>
    <message>
        <location filename="../../ui/waste/outbound_screen.py" line="142" />
        <source>Hand over</source>
        <translation>移交</translation>
    </message>
    <message>
        <location filename="../../ui/waste/outbound_screen.py" line="145" />
        <source>Save manifest PDF</source>
        <translation>保存联单 PDF</translation>
    </message>
    <message>
        <location filename="../../ui/waste/outbound_screen.py" line="154" />
        <source>Bags going out</source>
        <translation>本次出库医废袋</translation>
    </message>
    <message>
        <location filename="../../ui/waste/outbound_screen.py" line="187" />
        <source> (has a typed weight)</source>
        <translation>（含手工录入重量）</translation>
    </message>
    <message>
        <location filename="../../ui/waste/outbound_screen.py" line="219" />
        <source>Manifest number %1 scanned</source>
        <translation>已扫入联单编号 %1</translation>
    </message>
    <message>
        <location filename="../../ui/waste/outbound_screen.py" line="224" />
        <source>Vehicle %1</source>
        <translation>车辆 %1</translation>
    </message>
    <message>
        <location filename="../../ui/waste/outbound_screen.py" line="229" />
        <source>Driver %1</source>
        <translation>司机 %1</translation>
    </message>
    <message>
        <location filename="../../ui/waste/outbound_screen.py" line="236" />
        <source>No bag in storage has code %1</source>
        <translation>暂存处没有袋号为 %1 的医废袋</translation>
    </message>
    <message>
        <location filename="../../ui/waste/outbound_screen.py" line="241" />
        <source>Sign in first</source>
        <translation>请先签到</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/waste/outbound_screen.py" line="272" />
        <source>%n bag(s) handed over; manifest %1</source>
        <translation>
            <numerusform>已移交 %n 袋；联单号 %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RoundScreen</name>
    <message>
        <location filename="../../ui/waste/round_screen.py" line="112" />
        <source>Type a weight (administrator)</source>
        <translation>手工录入重量（管理员）</translation>
    </message>
    <message>
        <location filename="../../ui/waste/round_screen.py" line="120" />
        <source>Porter confirms</source>
        <translation>收集人确认</translation>
    </message>
    <message>
        <location filename="../../ui/waste/round_screen.py" line="130" />
        <source>Bags at this ward</source>
        <translation>本科室医废袋</translation>
    </message>
    <message>
        <location filename="../../ui/waste/round_screen.py" line="176" />
        <source>Ward: %1</source>
        <translation>科室：%1</translation>
    </message>
    <message>
        <location filename="../../ui/waste/round_screen.py" line="203" />
        <location filename="../../ui/waste/round_screen.py" line="249" />
        <source> (typed)</source>
        <translation>（手工录入）</translation>
    </message>
    <message>
        <location filename="../../ui/waste/round_screen.py" line="218" />
        <source>The scale is not answering. Check its cable.</source>
        <translation>秤无响应，请检查连接线。</translation>
    </message>
    <message>
        <location filename="../../ui/waste/round_screen.py" line="236" />
        <source>Put the bag on the scale</source>
        <translation>请将医废袋放上秤</translation>
    </message>
    <message>
        <location filename="../../ui/waste/round_screen.py" line="237" />
        <source>Weighing… hold still</source>
        <translation>称重中…请勿晃动</translation>
    </message>
    <message>
        <location filename="../../ui/waste/round_screen.py" line="238" />
        <source>Weight locked: tap the bag's category</source>
        <translation>重量已锁定：请点选医废类别</translation>
    </message>
    <message>
        <location filename="../../ui/waste/round_screen.py" line="239" />
        <source>The scale is out of range</source>
        <translation>秤超出量程</translation>
    </message>
    <message>
        <location filename="../../ui/waste/round_screen.py" line="240" />
        <source>Recorded: take the bag off the scale</source>
        <translation>已登记：请将医废袋从秤上取下</translation>
    </message>
    <message>
        <location filename="../../ui/waste/round_screen.py" line="243" />
        <source>new label</source>
        <translation>新标签</translation>
    </message>
    <message>
        <location filename="../../ui/waste/round_screen.py" line="244" />
        <source>Bag code: %1</source>
        <translation>袋号：%1</translation>
    </message>
    <message>
        <location filename="../../ui/waste/round_screen.py" line="256" />
        <source>Typed by %1: tap the bag's category</source>
        <translation>由 %1 手工录入：请点选医废类别</translation>
    </message>
    <message>
        <location filename="../../ui/waste/round_screen.py" line="288" />
        <source>Pre-printed label scanned</source>
        <translation>已扫描预印标签</translation>
    </message>
    <message>
        <location filename="../../ui/waste/round_screen.py" line="294" />
        <source>The ward nurse must scan her own badge</source>
        <translation>请科室护士扫描本人工牌</translation>
    </message>
    <message>
        <location filename="../../ui/waste/round_screen.py" line="304" />
        <source>Sign in first</source>
        <translation>请先签到</translation>
    </message>
    <message>
        <location filename="../../ui/waste/round_screen.py" line="346" />
        <source>Printing the label…</source>
        <translation>正在打印标签…</translation>
    </message>
    <message>
        <location filename="../../ui/waste/round_screen.py" line="356" />
        <source>Bag recorded, label printed</source>
        <translation>已登记，标签已打印</translation>
    </message>
    <message>
        <location filename="../../ui/waste/round_screen.py" line="365" />
        <source>Bag recorded, but the label did not print. Check the printer.</source>
        <translation>已登记，但标签未打印。请检查打印机。</translation>
    </message>
    <message>
        <location filename="../../ui/waste/round_screen.py" line="384" />
        <source>Bag recorded, but the label did not print. It was saved as %1.</source>
        <translation>已登记，但标签未打印，已另存为 %1。</translation>
    </message>
    <message>
        <location filename="../../ui/waste/round_screen.py" line="392" />
        <source>Ward nurse: scan your badge</source>
        <translation>科室护士：请扫描工牌</translation>
    </message>
    <message>
        <location filename="../../ui/waste/round_screen.py" line="395" />
        <source>Ward nurse confirmed: %1</source>
        <translation>科室护士已确认：%1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/waste/round_screen.py" line="398" />
        <source>Hand over %n bag(s)</source>
        <translation>
            <numerusform>交接 %n 袋</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/waste/round_screen.py" line="424" />
        <source>%n bag(s) handed over at this ward</source>
        <translation>
            <numerusform>本科室已交接 %n 袋</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StockScreen</name>
    <message>
        <location filename="../../ui/waste/stock_screen.py" line="38" />
        <source>Stock by age</source>
        <translation>库存（按暂存时长）</translation>
    </message>
    <message>
        <location filename="../../ui/waste/stock_screen.py" line="45" />
        <source>Bag</source>
        <translation>袋号</translation>
    </message>
    <message>
        <location filename="../../ui/waste/stock_screen.py" line="46" />
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../ui/waste/stock_screen.py" line="47" />
        <source>Ward</source>
        <translation>科室</translation>
    </message>
    <message>
        <location filename="../../ui/waste/stock_screen.py" line="48" />
        <source>Received</source>
        <translation>入库时间</translation>
    </message>
    <message>
        <location filename="../../ui/waste/stock_screen.py" line="49" />
        <source>Age (h)</source>
        <translation>暂存时长（小时）</translation>
    </message>
    <message>
        <location filename="../../ui/waste/stock_screen.py" line="50" />
        <source>Weight</source>
        <translation>重量</translation>
    </message>
    <message>
        <location filename="../../ui/waste/stock_screen.py" line="53" />
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../ui/waste/stock_screen.py" line="98" />
        <source> (has a typed weight)</source>
        <translation>（含手工录入重量）</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/waste/stock_screen.py" line="113" />
        <source>%n bag(s) past the storage limit: dispose now</source>
        <translation>
            <numerusform>%n 袋已超过暂存时限：请立即处置</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/waste/stock_screen.py" line="116" />
        <source>%n bag(s) near the storage limit</source>
        <translation>
            <numerusform>%n 袋即将超过暂存时限</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/waste/stock_screen.py" line="120" />
        <source>%n bag(s) in storage, none near the limit</source>
        <translation>
            <numerusform>暂存 %n 袋，均未接近时限</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TraceScreen</name>
    <message>
        <location filename="../../ui/waste/trace_screen.py" line="25" />
        <source>Trace a bag</source>
        <translation>医废袋追溯</translation>
    </message>
    <message>
        <location filename="../../ui/waste/trace_screen.py" line="29" />
        <source>Scan the bag or type its code</source>
        <translation>扫描医废袋或输入袋号</translation>
    </message>
    <message>
        <location filename="../../ui/waste/trace_screen.py" line="31" />
        <source>Trace</source>
        <translation>追溯</translation>
    </message>
    <message>
        <location filename="../../ui/waste/trace_screen.py" line="39" />
        <source>Step</source>
        <translation>环节</translation>
    </message>
    <message>
        <location filename="../../ui/waste/trace_screen.py" line="40" />
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/waste/trace_screen.py" line="41" />
        <source>Handed over by</source>
        <translation>交出人</translation>
    </message>
    <message>
        <location filename="../../ui/waste/trace_screen.py" line="42" />
        <source>Received by</source>
        <translation>接收人</translation>
    </message>
    <message>
        <location filename="../../ui/waste/trace_screen.py" line="43" />
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <location filename="../../ui/waste/trace_screen.py" line="44" />
        <source>Weight</source>
        <translation>重量</translation>
    </message>
    <message>
        <location filename="../../ui/waste/trace_screen.py" line="45" />
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../ui/waste/trace_screen.py" line="82" />
        <source>%1 · %2 · %3 · %4</source>
        <translation>%1 · %2 · %3 · %4</translation>
    </message>
    <message>
        <location filename="../../ui/waste/trace_screen.py" line="97" />
        <source> (typed)</source>
        <translation>（手工录入）</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/waste/trace_screen.py" line="104" />
        <source>%n step(s) on record</source>
        <translation>
            <numerusform>共 %n 个环节记录</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/waste/trace_screen.py" line="112" />
        <source>typed by %1: %2</source>
        <translation>%1 手工录入：%2</translation>
    </message>
    <message>
        <location filename="../../ui/waste/trace_screen.py" line="118" />
        <source>%1 g from collection: %2</source>
        <translation>与收集时相差 %1 克：%2</translation>
    </message>
    <message>
        <location filename="../../ui/waste/trace_screen.py" line="124" />
        <source>manifest %1</source>
        <translation>联单 %1</translation>
    </message>
    <message>
        <location filename="../../ui/waste/trace_screen.py" line="129" />
        <source>Storage room</source>
        <translation>暂存处</translation>
    </message>
    <message>
        <location filename="../../ui/waste/trace_screen.py" line="133" />
        <source>Weighed at the ward</source>
        <translation>科室称重</translation>
    </message>
    <message>
        <location filename="../../ui/waste/trace_screen.py" line="134" />
        <source>Handed to the porter</source>
        <translation>交收集人</translation>
    </message>
    <message>
        <location filename="../../ui/waste/trace_screen.py" line="135" />
        <source>Received at storage</source>
        <translation>暂存处入库</translation>
    </message>
    <message>
        <location filename="../../ui/waste/trace_screen.py" line="136" />
        <source>Handed to the disposal company</source>
        <translation>移交处置单位</translation>
    </message>
    <message>
        <location filename="../../ui/waste/trace_screen.py" line="141" />
        <source>registered</source>
        <translation>已登记</translation>
    </message>
    <message>
        <location filename="../../ui/waste/trace_screen.py" line="142" />
        <source>collected</source>
        <translation>已收集</translation>
    </message>
    <message>
        <location filename="../../ui/waste/trace_screen.py" line="143" />
        <source>in storage</source>
        <translation>暂存中</translation>
    </message>
    <message>
        <location filename="../../ui/waste/trace_screen.py" line="144" />
        <source>handed out</source>
        <translation>已移交</translation>
    </message>
</context>
<context>
    <name>WasteCategories</name>
    <message>
        <location filename="../../ui/waste/common.py" line="44" />
        <source>Infectious</source>
        <translation>感染性</translation>
    </message>
    <message>
        <location filename="../../ui/waste/common.py" line="45" />
        <source>Sharps</source>
        <translation>损伤性</translation>
    </message>
    <message>
        <location filename="../../ui/waste/common.py" line="46" />
        <source>Pathological</source>
        <translation>病理性</translation>
    </message>
    <message>
        <location filename="../../ui/waste/common.py" line="47" />
        <source>Pharmaceutical</source>
        <translation>药物性</translation>
    </message>
    <message>
        <location filename="../../ui/waste/common.py" line="48" />
        <source>Chemical</source>
        <translation>化学性</translation>
    </message>
</context>
<context>
    <name>WasteManifest</name>
    <message>
        <location filename="../../ui/waste/manifest_doc.py" line="22" />
        <source>Medical waste transfer manifest</source>
        <translation>医疗废物转移联单</translation>
    </message>
    <message>
        <location filename="../../ui/waste/manifest_doc.py" line="25" />
        <source>Manifest number</source>
        <translation>联单编号</translation>
    </message>
    <message>
        <location filename="../../ui/waste/manifest_doc.py" line="26" />
        <source>Disposal company</source>
        <translation>处置单位</translation>
    </message>
    <message>
        <location filename="../../ui/waste/manifest_doc.py" line="27" />
        <source>Vehicle</source>
        <translation>车牌号</translation>
    </message>
    <message>
        <location filename="../../ui/waste/manifest_doc.py" line="28" />
        <source>Driver</source>
        <translation>驾驶员</translation>
    </message>
    <message>
        <location filename="../../ui/waste/manifest_doc.py" line="29" />
        <source>Handed over by</source>
        <translation>交出人</translation>
    </message>
    <message>
        <location filename="../../ui/waste/manifest_doc.py" line="30" />
        <source>Producing unit</source>
        <translation>产生单位</translation>
    </message>
    <message>
        <location filename="../../ui/waste/manifest_doc.py" line="31" />
        <source>Disposal method</source>
        <translation>处置方式</translation>
    </message>
    <message>
        <location filename="../../ui/waste/manifest_doc.py" line="32" />
        <source>Final destination</source>
        <translation>最终去向</translation>
    </message>
    <message>
        <location filename="../../ui/waste/manifest_doc.py" line="33" />
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/waste/manifest_doc.py" line="34" />
        <source>Station</source>
        <translation>工作站</translation>
    </message>
    <message>
        <location filename="../../ui/waste/manifest_doc.py" line="35" />
        <source>Bags</source>
        <translation>袋数</translation>
    </message>
    <message>
        <location filename="../../ui/waste/manifest_doc.py" line="36" />
        <source>Bag list</source>
        <translation>医废袋明细</translation>
    </message>
    <message>
        <location filename="../../ui/waste/manifest_doc.py" line="37" />
        <source>Waste code</source>
        <translation>废物代码</translation>
    </message>
    <message>
        <location filename="../../ui/waste/manifest_doc.py" line="38" />
        <source>Bag</source>
        <translation>袋号</translation>
    </message>
    <message>
        <location filename="../../ui/waste/manifest_doc.py" line="39" />
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../ui/waste/manifest_doc.py" line="40" />
        <source>Ward</source>
        <translation>科室</translation>
    </message>
    <message>
        <location filename="../../ui/waste/manifest_doc.py" line="41" />
        <source>Weight</source>
        <translation>重量</translation>
    </message>
    <message>
        <location filename="../../ui/waste/manifest_doc.py" line="42" />
        <source>Totals by category</source>
        <translation>按类别合计</translation>
    </message>
    <message>
        <location filename="../../ui/waste/manifest_doc.py" line="43" />
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <location filename="../../ui/waste/manifest_doc.py" line="44" />
        <source>a weight typed by an administrator, not from the scale</source>
        <translation>含管理员手工录入的重量，非秤读数</translation>
    </message>
    <message>
        <location filename="../../ui/waste/manifest_doc.py" line="48" />
        <source>Signature of the storage keeper</source>
        <translation>暂存管理员签字</translation>
    </message>
    <message>
        <location filename="../../ui/waste/manifest_doc.py" line="51" />
        <source>Signature of the driver</source>
        <translation>驾驶员签字</translation>
    </message>
</context>
<context>
    <name>WasteMessages</name>
    <message>
        <location filename="../../ui/waste/messages.py" line="18" />
        <source>No bag has this code.</source>
        <translation>没有此袋号的医废袋。</translation>
    </message>
    <message>
        <location filename="../../ui/waste/messages.py" line="24" />
        <source>This bag code is already registered. Use a new label.</source>
        <translation>此袋号已登记，请使用新标签。</translation>
    </message>
    <message>
        <location filename="../../ui/waste/messages.py" line="30" />
        <source>This bag is not at this step of its journey.</source>
        <translation>此医废袋当前不处于该环节。</translation>
    </message>
    <message>
        <location filename="../../ui/waste/messages.py" line="36" />
        <source>Wait until the scale shows a stable weight.</source>
        <translation>请等待秤显示稳定重量。</translation>
    </message>
    <message>
        <location filename="../../ui/waste/messages.py" line="42" />
        <source>The handover needs the ward nurse and the porter.</source>
        <translation>交接需要科室护士和收集人双方确认。</translation>
    </message>
    <message>
        <location filename="../../ui/waste/messages.py" line="48" />
        <source>The weight differs from the collection weight. Give a reason.</source>
        <translation>重量与收集时不符，请说明原因。</translation>
    </message>
    <message>
        <location filename="../../ui/waste/messages.py" line="55" />
        <source>The outbound handover is incomplete.</source>
        <translation>出库交接信息不完整。</translation>
    </message>
    <message>
        <location filename="../../ui/waste/messages.py" line="61" />
        <source>Only an administrator may type a weight, with a reason.</source>
        <translation>只有管理员可以手工录入重量，并须注明原因。</translation>
    </message>
    <message>
        <location filename="../../ui/waste/messages.py" line="68" />
        <source>You do not have the right to do this.</source>
        <translation>您没有执行此操作的权限。</translation>
    </message>
    <message>
        <location filename="../../ui/waste/messages.py" line="74" />
        <source>The step could not be recorded.</source>
        <translation>本环节无法记录。</translation>
    </message>
    <message>
        <location filename="../../ui/waste/messages.py" line="82" />
        <source>Something went wrong. The step was not recorded.</source>
        <translation>出现问题，本环节未记录。</translation>
    </message>
</context>
<context>
    <name>WasteScreens</name>
    <message>
        <location filename="../../ui/waste/__init__.py" line="44" />
        <source>Round</source>
        <translation>收集</translation>
    </message>
    <message>
        <location filename="../../ui/waste/__init__.py" line="48" />
        <source>Cart load</source>
        <translation>车载清单</translation>
    </message>
    <message>
        <location filename="../../ui/waste/__init__.py" line="52" />
        <source>Intake</source>
        <translation>入库</translation>
    </message>
    <message>
        <location filename="../../ui/waste/__init__.py" line="56" />
        <source>Stock</source>
        <translation>库存</translation>
    </message>
    <message>
        <location filename="../../ui/waste/__init__.py" line="60" />
        <source>Outbound</source>
        <translation>出库</translation>
    </message>
    <message>
        <location filename="../../ui/waste/__init__.py" line="64" />
        <source>Trace</source>
        <translation>追溯</translation>
    </message>
</context>
<context>
    <name>WeightOverrideDialog</name>
    <message>
        <location filename="../../ui/waste/override_dialog.py" line="41" />
        <source>Type a weight (administrator)</source>
        <translation>手工录入重量（管理员）</translation>
    </message>
    <message>
        <location filename="../../ui/waste/override_dialog.py" line="55" />
        <source>Weight in grams</source>
        <translation>重量（克）</translation>
    </message>
    <message>
        <location filename="../../ui/waste/override_dialog.py" line="74" />
        <source>Use this weight</source>
        <translation>使用此重量</translation>
    </message>
    <message>
        <location filename="../../ui/waste/override_dialog.py" line="77" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/waste/override_dialog.py" line="97" />
        <source>The scale is out of order</source>
        <translation>秤故障</translation>
    </message>
    <message>
        <location filename="../../ui/waste/override_dialog.py" line="98" />
        <source>The scale does not answer</source>
        <translation>秤无响应</translation>
    </message>
    <message>
        <location filename="../../ui/waste/override_dialog.py" line="99" />
        <source>The bag does not fit on the scale</source>
        <translation>医废袋无法放上秤</translation>
    </message>
    <message>
        <location filename="../../ui/waste/override_dialog.py" line="112" />
        <source>Only an administrator's badge can do this.</source>
        <translation>只有管理员工牌可以执行此操作。</translation>
    </message>
    <message>
        <location filename="../../ui/waste/override_dialog.py" line="124" />
        <source>Administrator: scan your badge</source>
        <translation>管理员：请扫描工牌</translation>
    </message>
    <message>
        <location filename="../../ui/waste/override_dialog.py" line="127" />
        <source>Administrator: %1</source>
        <translation>管理员：%1</translation>
    </message>
</context>
</TS>