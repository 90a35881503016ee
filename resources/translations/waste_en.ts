<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US">
<context>
    <name>CartScreen</name>
    <message>
        <location filename="../../ui/waste/cart_screen.py" line="19" />
        <source>Cart load</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/cart_screen.py" line="22" />
        <source>Bag</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/cart_screen.py" line="22" />
        <source>Category</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/cart_screen.py" line="22" />
        <source>Ward</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/cart_screen.py" line="22" />
        <source>Weight</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/cart_screen.py" line="28" />
        <source>Refresh</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/cart_screen.py" line="46" />
        <source>Sign in first</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/cart_screen.py" line="61" />
        <source> (typed)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/cart_screen.py" line="67" />
        <source>%1: %2 bag(s), %3</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/cart_screen.py" line="73" />
        <source>Total: %1</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>IntakeScreen</name>
    <message>
        <location filename="../../ui/waste/intake_screen.py" line="32" />
        <source>Storage intake</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/intake_screen.py" line="41" />
        <source>Receive</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/intake_screen.py" line="69" />
        <source>Liquid drained or leaked from the bag</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/intake_screen.py" line="70" />
        <source>The ward scale was not zeroed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/intake_screen.py" line="71" />
        <source>Bag re-packed at storage</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/intake_screen.py" line="72" />
        <source>Checked with the porter: weight accepted</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/intake_screen.py" line="86" />
        <source>No bag has code %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/intake_screen.py" line="88" />
        <source>Put the bag on the scale</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/intake_screen.py" line="97" />
        <source>The scale is not answering. Check its cable.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/intake_screen.py" line="106" />
        <source>Scan a bag to receive it</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/intake_screen.py" line="109" />
        <source>%1 · %2 · %3 · collected %4</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/intake_screen.py" line="133" />
        <source>Sign in first</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/intake_screen.py" line="155" />
        <source>Collected %1, now %2: more than %3 apart. Intake is blocked until you choose a reason.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/intake_screen.py" line="171" />
        <source>%1 received at %2</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>OutboundScreen</name>
    <message>
        <location filename="../../ui/waste/outbound_screen.py" line="97" />
        <source>Outbound handover</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/outbound_screen.py" line="101" />
        <source>New number</source>
        <translation>New number</translation>
    </message>
    <message>
        <location filename="../../ui/waste/outbound_screen.py" line="110" />
        <location filename="../../ui/waste/outbound_screen.py" line="116" />
        <source>Other: type</source>
        <translation>Other: type</translation>
    </message>
    <message>
        <location filename="../../ui/waste/outbound_screen.py" line="128" />
        <source>Manifest number</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/outbound_screen.py" line="129" />
        <source>Disposal company</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/outbound_screen.py" line="130" />
        <source>Vehicle</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/outbound_screen.py" line="131" />
        <source>Driver</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/outbound_screen.py" line="142" />
        <source>Hand over</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/outbound_screen.py" line="145" />
        <source>Save manifest PDF</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/outbound_screen.py" line="154" />
        <source>Bags going out</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/outbound_screen.py" line="187" />
        <source> (has a typed weight)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/outbound_screen.py" line="219" />
        <source>Manifest number %1 scanned</source>
        <translation>Manifest number %1 scanned</translation>
    </message>
    <message>
        <location filename="../../ui/waste/outbound_screen.py" line="224" />
        <source>Vehicle %1</source>
        <translation>Vehicle %1</translation>
    </message>
    <message>
        <location filename="../../ui/waste/outbound_screen.py" line="229" />
        <source>Driver %1</source>
        <translation>Driver %1</translation>
    </message>
    <message>
        <location filename="../../ui/waste/outbound_screen.py" line="236" />
        <source>No bag in storage has code %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/outbound_screen.py" line="241" />
        <source>Sign in first</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location filename="../../ui/waste/outbound_screen.py" line="272" />
        <source>%n bag(s) handed over; manifest %1</source>
        <translation>
            <numerusform>%n bag handed over; manifest %1</numerusform>
            <numerusform>%n bags handed over; manifest %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RoundScreen</name>
    <message>
        <location filename="../../ui/waste/round_screen.py" line="112" />
        <source>Type a weight (administrator)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/round_screen.py" line="120" />
        <source>Porter confirms</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/round_screen.py" line="130" />
        <source>Bags at this ward</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/round_screen.py" line="176" />
        <source>Ward: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/round_screen.py" line="203" />
        <location filename="../../ui/waste/round_screen.py" line="249" />
        <source> (typed)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/round_screen.py" line="218" />
        <source>The scale is not answering. Check its cable.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/round_screen.py" line="236" />
        <source>Put the bag on the scale</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/round_screen.py" line="237" />
        <source>Weighing… hold still</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/round_screen.py" line="238" />
        <source>Weight locked: tap the bag's category</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/round_screen.py" line="239" />
        <source>The scale is out of range</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/round_screen.py" line="240" />
        <source>Recorded: take the bag off the scale</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/round_screen.py" line="243" />
        <source>new label</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/round_screen.py" line="244" />
        <source>Bag code: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/round_screen.py" line="256" />
        <source>Typed by %1: tap the bag's category</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/round_screen.py" line="288" />
        <source>Pre-printed label scanned</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/round_screen.py" line="294" />
        <source>The ward nurse must scan her own badge</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/round_screen.py" line="304" />
        <source>Sign in first</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/round_screen.py" line="346" />
        <source>Printing the label…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/round_screen.py" line="356" />
        <source>Bag recorded, label printed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/round_screen.py" line="365" />
        <source>Bag recorded, but the label did not print. Check the printer.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/round_screen.py" line="384" />
        <source>Bag recorded, but the label did not print. It was saved as %1.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/round_screen.py" line="392" />
        <source>Ward nurse: scan your badge</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/round_screen.py" line="395" />
        <source>Ward nurse confirmed: %1</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location filename="../../ui/waste/round_screen.py" line="398" />
        <source>Hand over %n bag(s)</source>
        <translation>
            <numerusform>Hand over %n bag</numerusform>
            <numerusform>Hand over %n bags</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/waste/round_screen.py" line="424" />
        <source>%n bag(s) handed over at this ward</source>
        <translation>
            <numerusform>%n bag handed over at this ward</numerusform>
            <numerusform>%n bags handed over at this ward</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StockScreen</name>
    <message>
        <location filename="../../ui/waste/stock_screen.py" line="38" />
        <source>Stock by age</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/stock_screen.py" line="45" />
        <source>Bag</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/stock_screen.py" line="46" />
        <source>Category</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/stock_screen.py" line="47" />
        <source>Ward</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/stock_screen.py" line="48" />
        <source>Received</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/stock_screen.py" line="49" />
        <source>Age (h)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/stock_screen.py" line="50" />
        <source>Weight</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/stock_screen.py" line="53" />
        <source>Refresh</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/stock_screen.py" line="98" />
        <source> (has a typed weight)</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location filename="../../ui/waste/stock_screen.py" line="113" />
        <source>%n bag(s) past the storage limit: dispose now</source>
        <translation>
            <numerusform>%n bag past the storage limit: dispose now</numerusform>
            <numerusform>%n bags past the storage limit: dispose now</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/waste/stock_screen.py" line="116" />
        <source>%n bag(s) near the storage limit</source>
        <translation>
            <numerusform>%n bag near the storage limit</numerusform>
            <numerusform>%n bags near the storage limit</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/waste/stock_screen.py" line="120" />
        <source>%n bag(s) in storage, none near the limit</source>
        <translation>
            <numerusform>%n bag in storage, not near the limit</numerusform>
            <numerusform>%n bags in storage, none near the limit</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TraceScreen</name>
    <message>
        <location filename="../../ui/waste/trace_screen.py" line="25" />
        <source>Trace a bag</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/trace_screen.py" line="29" />
        <source>Scan the bag or type its code</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/trace_screen.py" line="31" />
        <source>Trace</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/trace_screen.py" line="39" />
        <source>Step</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/trace_screen.py" line="40" />
        <source>Time</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/trace_screen.py" line="41" />
        <source>Handed over by</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/trace_screen.py" line="42" />
        <source>Received by</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/trace_screen.py" line="43" />
        <source>Place</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/trace_screen.py" line="44" />
        <source>Weight</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/trace_screen.py" line="45" />
        <source>Note</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/trace_screen.py" line="82" />
        <source>%1 · %2 · %3 · %4</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/trace_screen.py" line="97" />
        <source> (typed)</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location filename="../../ui/waste/trace_screen.py" line="104" />
        <source>%n step(s) on record</source>
        <translation>
            <numerusform>%n step on record</numerusform>
            <numerusform>%n steps on record</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/waste/trace_screen.py" line="112" />
        <source>typed by %1: %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/trace_screen.py" line="118" />
        <source>%1 g from collection: %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/trace_screen.py" line="124" />
        <source>manifest %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/trace_screen.py" line="129" />
        <source>Storage room</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/trace_screen.py" line="133" />
        <source>Weighed at the ward</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/trace_screen.py" line="134" />
        <source>Handed to the porter</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/trace_screen.py" line="135" />
        <source>Received at storage</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/trace_screen.py" line="136" />
        <source>Handed to the disposal company</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/trace_screen.py" line="141" />
        <source>registered</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/trace_screen.py" line="142" />
        <source>collected</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/trace_screen.py" line="143" />
        <source>in storage</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/trace_screen.py" line="144" />
        <source>handed out</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>WasteCategories</name>
    <message>
        <location filename="../../ui/waste/common.py" line="44" />
        <source>Infectious</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/common.py" line="45" />
        <source>Sharps</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/common.py" line="46" />
        <source>Pathological</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/common.py" line="47" />
        <source>Pharmaceutical</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/common.py" line="48" />
        <source>Chemical</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>WasteManifest</name>
    <message>
        <location filename="../../ui/waste/manifest_doc.py" line="22" />
        <source>Medical waste transfer manifest</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/manifest_doc.py" line="25" />
        <source>Manifest number</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/manifest_doc.py" line="26" />
        <source>Disposal company</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/manifest_doc.py" line="27" />
        <source>Vehicle</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/manifest_doc.py" line="28" />
        <source>Driver</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/manifest_doc.py" line="29" />
        <source>Handed over by</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/manifest_doc.py" line="30" />
        <source>Producing unit</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/manifest_doc.py" line="31" />
        <source>Disposal method</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/manifest_doc.py" line="32" />
        <source>Final destination</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/manifest_doc.py" line="33" />
        <source>Time</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/manifest_doc.py" line="34" />
        <source>Station</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/manifest_doc.py" line="35" />
        <source>Bags</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/manifest_doc.py" line="36" />
        <source>Bag list</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/manifest_doc.py" line="37" />
        <source>Waste code</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/manifest_doc.py" line="38" />
        <source>Bag</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/manifest_doc.py" line="39" />
        <source>Category</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/manifest_doc.py" line="40" />
        <source>Ward</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/manifest_doc.py" line="41" />
        <source>Weight</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/manifest_doc.py" line="42" />
        <source>Totals by category</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/manifest_doc.py" line="43" />
        <source>Total</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/manifest_doc.py" line="44" />
        <source>a weight typed by an administrator, not from the scale</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/manifest_doc.py" line="48" />
        <source>Signature of the storage keeper</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/manifest_doc.py" line="51" />
        <source>Signature of the driver</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>WasteMessages</name>
    <message>
        <location filename="../../ui/waste/messages.py" line="18" />
        <source>No bag has this code.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/messages.py" line="24" />
        <source>This bag code is already registered. Use a new label.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/messages.py" line="30" />
        <source>This bag is not at this step of its journey.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/messages.py" line="36" />
        <source>Wait until the scale shows a stable weight.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/messages.py" line="42" />
        <source>The handover needs the ward nurse and the porter.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/messages.py" line="48" />
        <source>The weight differs from the collection weight. Give a reason.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/messages.py" line="55" />
        <source>The outbound handover is incomplete.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/messages.py" line="61" />
        <source>Only an administrator may type a weight, with a reason.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/messages.py" line="68" />
        <source>You do not have the right to do this.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/messages.py" line="74" />
        <source>The step could not be recorded.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/messages.py" line="82" />
        <source>Something went wrong. The step was not recorded.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>WasteScreens</name>
    <message>
        <location filename="../../ui/waste/__init__.py" line="44" />
        <source>Round</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/__init__.py" line="48" />
        <source>Cart load</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/__init__.py" line="52" />
        <source>Intake</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/__init__.py" line="56" />
        <source>Stock</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/__init__.py" line="60" />
        <source>Outbound</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/__init__.py" line="64" />
        <source>Trace</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>WeightOverrideDialog</name>
    <message>
        <location filename="../../ui/waste/override_dialog.py" line="41" />
        <source>Type a weight (administrator)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/override_dialog.py" line="55" />
        <source>Weight in grams</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/override_dialog.py" line="74" />
        <source>Use this weight</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/override_dialog.py" line="77" />
        <source>Cancel</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/override_dialog.py" line="97" />
        <source>The scale is out of order</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/override_dialog.py" line="98" />
        <source>The scale does not answer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/override_dialog.py" line="99" />
        <source>The bag does not fit on the scale</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/override_dialog.py" line="112" />
        <source>Only an administrator's badge can do this.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/override_dialog.py" line="124" />
        <source>Administrator: scan your badge</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/waste/override_dialog.py" line="127" />
        <source>Administrator: %1</source>
        <translation type="unfinished" />
    </message>
</context>
</TS>