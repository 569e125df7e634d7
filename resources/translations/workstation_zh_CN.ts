<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Admin</name>
    <message>
        <location filename="../../ui/admin_common.py" line="+35"/>
        <source>This record no longer exists.</source>
        <translation>该记录已不存在。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not saved: {problem} Nothing you typed is lost; try again.</source>
        <translation>未保存：{problem} 您输入的内容没有丢失，请重试。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not done because of an internal error: {error}</source>
        <translation>因内部错误未能完成：{error}</translation>
    </message>
    <message>
        <location line="+88"/>
        <source>Not saved: see the marked fields.</source>
        <translation>未保存：请查看标出的字段。</translation>
    </message>
</context>
<context>
    <name>AdminCalendars</name>
    <message>
        <location filename="../../ui/admin_calendars.py" line="+60"/>
        <source>Monday</source>
        <translation>星期一</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tuesday</source>
        <translation>星期二</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wednesday</source>
        <translation>星期三</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Thursday</source>
        <translation>星期四</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Friday</source>
        <translation>星期五</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Saturday</source>
        <translation>星期六</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sunday</source>
        <translation>星期日</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Holiday</source>
        <translation>节假日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Make-up working day</source>
        <translation>调休上班日</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Works like</source>
        <translation>视同</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
</context>
<context>
    <name>AdminCatalog</name>
    <message>
        <location filename="../../ui/admin_catalog.py" line="+46"/>
        <location line="+11"/>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>Model</source>
        <translation>型号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Warranty (months)</source>
        <translation>保修期（月）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>English</source>
        <translation>英文</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
</context>
<context>
    <name>AdminCodes</name>
    <message>
        <location filename="../../ui/admin_codes.py" line="+46"/>
        <source>Offered</source>
        <translation>提供中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deactivated</source>
        <translation>已停用</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>English</source>
        <translation>英文</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>AdminOrg</name>
    <message>
        <location filename="../../ui/admin_org.py" line="+41"/>
        <source>First line</source>
        <translation>一线</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Second line</source>
        <translation>二线</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+11"/>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <location line="-10"/>
        <location line="+15"/>
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>Active users</source>
        <translation>启用用户数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Queues</source>
        <translation>队列数</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Queue</source>
        <translation>队列</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Line</source>
        <translation>级别</translation>
    </message>
</context>
<context>
    <name>AdminPage</name>
    <message>
        <location filename="../../ui/admin_page.py" line="+88"/>
        <source>Users</source>
        <translation>用户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Regions &amp;&amp; queues</source>
        <translation>区域和队列</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SLA plans</source>
        <translation>SLA 方案</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Calendars</source>
        <translation>工作日历</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Products &amp;&amp; faults</source>
        <translation>产品和故障</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Parts and stock</source>
        <translation>备件与库存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
</context>
<context>
    <name>AdminParts</name>
    <message>
        <location filename="../../ui/admin_parts.py" line="+59"/>
        <source>Offered</source>
        <translation>可用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Retired</source>
        <translation>已停用</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Serialised</source>
        <translation>按序列号</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Part</source>
        <translation>备件</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Serials</source>
        <translation>序列号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Models</source>
        <translation>适用型号</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>AdminSettings</name>
    <message>
        <location filename="../../ui/admin_settings.py" line="+39"/>
        <source>Repeat fault window (days)</source>
        <translation>重复故障判定期（天）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Follow-up call delay (days)</source>
        <translation>回访延迟（天）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Labour rate per hour</source>
        <translation>每小时人工费</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Distance rate per km</source>
        <translation>每公里路程费</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Urgency surcharge</source>
        <translation>加急附加费</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Road factor</source>
        <translation>道路系数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Travel speed (km/h)</source>
        <translation>行驶速度（公里/小时）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>A new fault on a device fixed within this many days is flagged as a repeat.</source>
        <translation>设备修复后在此天数内再次报障，将标记为重复故障。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A follow-up call is due this many days after a ticket is resolved.</source>
        <translation>工单解决后经过此天数需要回访。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>What an engineer&apos;s hour of work on a visit costs.</source>
        <translation>工程师上门服务每小时的人工费用。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>What each kilometre travelled to a visit, there and back, costs.</source>
        <translation>上门服务往返每公里的路程费用。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Added once to a visit the customer asked to be urgent.</source>
        <translation>客户要求加急的上门服务，一次性加收此费用。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Road distance is the straight-line distance times this (1.3: roads are 30% longer).</source>
        <translation>道路距离 = 直线距离 × 此系数（1.3 表示道路比直线长 30%）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Average speed between sites: with the road factor it gives the travel time a schedule must leave between two visits.</source>
        <translation>站点之间的平均车速：与道路系数一起算出两次上门之间必须留出的路程时间。</translation>
    </message>
</context>
<context>
    <name>AdminSla</name>
    <message>
        <location filename="../../ui/admin_sla.py" line="+47"/>
        <source>Plan</source>
        <translation>方案</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Calendar</source>
        <translation>日历</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>At risk at</source>
        <translation>风险阈值</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+1"/>
        <source>Default</source>
        <translation>默认</translation>
    </message>
</context>
<context>
    <name>AdminStock</name>
    <message>
        <location filename="../../ui/admin_stock.py" line="+61"/>
        <source>Open</source>
        <translation>启用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+23"/>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <location line="-22"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Engineer</source>
        <translation>工程师</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Part</source>
        <translation>备件</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>On hand</source>
        <translation>在库</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reserved</source>
        <translation>已预留</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Available</source>
        <translation>可用</translation>
    </message>
</context>
<context>
    <name>AdminUsers</name>
    <message>
        <location filename="../../ui/admin_users.py" line="+57"/>
        <source>Active</source>
        <translation>启用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deactivated</source>
        <translation>已停用</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Skills</source>
        <translation>技能</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>AgentDeskPage</name>
    <message>
        <location filename="../../ui/agent_desk.py" line="+195"/>
        <source>Call not saved</source>
        <translation>来电未保存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The call on the form is not saved yet. Start a new call?</source>
        <translation>表单上的来电尚未保存。是否开始新的来电？</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>What was typed stays kept as an unsaved call; File → Unsaved calls brings it back.</source>
        <translation>已输入的内容会作为未保存的来电保留；可通过“文件 → 未保存的来电”找回。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Start &amp;new call</source>
        <translation>开始新来电(&amp;N)</translation>
    </message>
</context>
<context>
    <name>Areas</name>
    <message>
        <location filename="../../ui/areas.py" line="+60"/>
        <source>Agent desk</source>
        <translation>客服工作台</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Queue</source>
        <translation>工单队列</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Schedule</source>
        <translation>排程</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Customers &amp; equipment</source>
        <translation>客户与设备</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Dashboard</source>
        <translation>监控看板</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reports</source>
        <translation>报表</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Administration</source>
        <translation>系统管理</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Take a customer&apos;s call: find the caller in a second, log the fault on a structured form, and resolve it on the phone or book an engineer&apos;s visit.</source>
        <translation>接听客户来电：一秒内找到来电人，在结构化报障单上登记故障，电话中解决或预约工程师上门。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The live list of open tickets by queue and region, with their SLA deadlines, to pick up, triage and reassign work.</source>
        <translation>按队列和区域实时列出未关闭的工单及其 SLA 时限，用于领取、分诊和改派工作。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Engineers&apos; visits by day and region: dispatch jobs, book visits with the customer and avoid double bookings.</source>
        <translation>按日期和区域安排工程师上门：派工、与客户预约上门时间，避免重复预约。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Customers with their contacts and sites, and every device by serial number with its contracts and full service history.</source>
        <translation>客户及其联系人和服务地点，以及按序列号查询的每台设备及其合同和完整服务历史。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Queue size, SLA risk and response times, live, for supervisors and dispatchers.</source>
        <translation>为主管和调度实时显示队列规模、SLA 风险和响应时间。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Excel reports for managers: SLA compliance, time to repair, first-call resolution, failures by product model and customer satisfaction.</source>
        <translation>面向经理的 Excel 报表：SLA 达成率、修复时长、首次来电解决率、按产品型号统计的故障以及客户满意度。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Users, roles and regions; SLA plans and business calendars; product models and fault categories.</source>
        <translation>用户、角色和区域；SLA 方案和工作日历；产品型号和故障类别。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Only administrators can open this area.</source>
        <translation>只有管理员可以打开此功能区。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only supervisors and administrators can open this area.</source>
        <translation>只有主管和管理员可以打开此功能区。</translation>
    </message>
</context>
<context>
    <name>AssignDialog</name>
    <message>
        <location filename="../../ui/ticket_view.py" line="+223"/>
        <source>Assign the ticket</source>
        <translation>分派工单</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>region</source>
        <translation>区域</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>skill</source>
        <translation>技能</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{name} — {load} open tickets</source>
        <translation>{name} — 当前 {load} 张未结工单</translation>
    </message>
    <message>
        <location line="+4"/>
        <source> (matches {why})</source>
        <translation>（匹配：{why}）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Nobody who may work this ticket was found.</source>
        <translation>没有找到可以处理此工单的人员。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Suggested by region, skills and current load:</source>
        <translation>按区域、技能和当前负荷推荐：</translation>
    </message>
</context>
<context>
    <name>BoardView</name>
    <message>
        <location filename="../../ui/schedule_board_view.py" line="+716"/>
        <source>Moving: waiting for the booking to be saved.</source>
        <translation>正在改期：等待预约保存。</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Move…</source>
        <translation>改期…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cancel visit…</source>
        <translation>取消上门…</translation>
    </message>
</context>
<context>
    <name>BookVisitDialog</name>
    <message>
        <location filename="../../ui/book_visit_dialog.py" line="+83"/>
        <source>Engineer</source>
        <translation>工程师</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Load (7 days)</source>
        <translation>负荷（7天）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Deadline</source>
        <translation>解决时限</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Why</source>
        <translation>推荐理由</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>No suggestions: the database did not answer. Choose by hand or retry.</source>
        <translation>无法推荐：数据库没有响应。请手动选择或重试。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No suggestions could be made; choose by hand.</source>
        <translation>无法给出推荐，请手动选择。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Looking for free slots…</source>
        <translation>正在查找空闲时段…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Pick a suggestion to fill in the form, or choose by hand. Confirm the time with the customer before booking.</source>
        <translation>选择一条推荐填入表单，或手动选择。预约前请先与客户确认时间。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No engineer of the region with the skill has a free slot in the next two weeks: choose by hand.</source>
        <translation>本区域具备该技能的工程师在未来两周内都没有空闲时段，请手动选择。</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>in time</source>
        <translation>可按时完成</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>after the deadline</source>
        <translation>超出时限</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>region</source>
        <translation>本区域</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>other region</source>
        <translation>其他区域</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>knows the product</source>
        <translation>熟悉该产品</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>generalist</source>
        <translation>通用工程师</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{km} km from base</source>
        <translation>距驻地 {km} 公里</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Book visit</source>
        <translation>预约上门</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Book a visit</source>
        <translation>预约上门服务</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Visit for {number} — {customer}</source>
        <translation>{number} 的上门服务 — {customer}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Resolve by {time}</source>
        <translation>须在 {time} 前解决</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Kind of visit</source>
        <translation>上门类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notes for the engineer</source>
        <translation>给工程师的备注</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Suggest again</source>
        <translation>重新推荐</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Find slots for the duration in the form</source>
        <translation>按表单中的时长查找空闲时段</translation>
    </message>
</context>
<context>
    <name>CalendarsTab</name>
    <message>
        <location filename="../../ui/admin_calendars.py" line="+213"/>
        <source>Calendar added: set its weekly hours.</source>
        <translation>日历已添加：请设置每周工作时间。</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>Working hours saved.</source>
        <translation>已保存工作时间。</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>{day} saved.</source>
        <translation>已保存 {day}。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>{day} follows the weekly hours again.</source>
        <translation>{day} 恢复按每周工作时间。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>{added} days added for {year}; {kept} already on the calendar were kept as they are.</source>
        <translation>已为 {year} 年添加 {added} 天；日历中已有的 {kept} 天保持不变。</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Deadline: {deadline}, {weekday}.</source>
        <translation>截止时间：{deadline}，{weekday}。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Special days on the way: {days}.</source>
        <translation>期间的特殊日期：{days}。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Calendar:</source>
        <translation>日历(&amp;C)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>N&amp;ew calendar:</source>
        <translation>新建日历(&amp;E)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time zone of the new calendar</source>
        <translation>新日历的时区</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Add calendar</source>
        <translation>添加日历(&amp;A)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Changes apply to deadlines computed from now on (other desks within a minute); tickets already logged keep their deadlines.</source>
        <translation>修改只影响此后计算的截止时间（其他工作台一分钟内生效）；已登记的工单保持原截止时间。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Weekly working hours</source>
        <translation>每周工作时间</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>For example &quot;09:00-12:00, 13:30-18:00&quot;; empty for a day off.</source>
        <translation>例如“09:00-12:00, 13:30-18:00”；留空表示休息日。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save &amp;hours</source>
        <translation>保存工作时间(&amp;H)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Holidays and make-up working days</source>
        <translation>节假日和调休上班日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Year:</source>
        <translation>年份(&amp;Y)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;ountry:</source>
        <translation>国家(&amp;O)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Load public holidays</source>
        <translation>载入法定节假日(&amp;L)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Date:</source>
        <translation>日期(&amp;D)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Kind:</source>
        <translation>类型(&amp;K)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Works like:</source>
        <translation>视同(&amp;W)：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save &amp;day</source>
        <translation>保存日期(&amp;D)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Remove day</source>
        <translation>删除日期(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deadline preview</source>
        <translation>截止时间预览</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start (calendar time):</source>
        <translation>开始时间（日历时区）：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Target (working minutes):</source>
        <translation>目标（工作分钟）：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Preview</source>
        <translation>预览(&amp;P)</translation>
    </message>
</context>
<context>
    <name>CallForm</name>
    <message>
        <location filename="../../ui/call_form.py" line="+98"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E-mail</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>WeChat</source>
        <translation>微信</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Web form</source>
        <translation>网页表单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Walk-in</source>
        <translation>上门</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Low</source>
        <translation>低</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Normal</source>
        <translation>普通</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>High</source>
        <translation>高</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Urgent</source>
        <translation>紧急</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Critical: down, no workaround</source>
        <translation>严重：停机，无替代方案</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Major: impaired</source>
        <translation>较重：功能受影响</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Minor: inconvenience</source>
        <translation>轻微：使用不便</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Fixed with the caller&apos;s help</source>
        <translation>指导客户现场解决</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fixed remotely</source>
        <translation>远程解决</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No fault found</source>
        <translation>未发现故障</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cause on the customer&apos;s side</source>
        <translation>客户方原因</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Power cut</source>
        <translation>停电</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Environment change</source>
        <translation>环境变化</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Device moved</source>
        <translation>设备搬迁</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opened or modified by the customer</source>
        <translation>客户自行拆机或改装</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Lightning or surge</source>
        <translation>雷击或浪涌</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Water or humidity</source>
        <translation>进水或受潮</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dropped or knocked</source>
        <translation>跌落或撞击</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Required.</source>
        <translation>必填。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not a valid phone number.</source>
        <translation>电话号码无效。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The fault cannot start in the future.</source>
        <translation>故障开始时间不能晚于当前时间。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The date cannot be in the future.</source>
        <translation>日期不能晚于今天。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Installed after the fault started? Check both dates.</source>
        <translation>安装日期晚于故障开始时间？请核对两个日期。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This serial belongs to {owner}. Give a reason to log it for this customer.</source>
        <translation>该序列号属于{owner}。如要记在本客户名下，请填写原因。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>New device: choose its model.</source>
        <translation>新设备：请选择型号。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open the customer first: a new device needs an owner.</source>
        <translation>请先打开客户：新设备需要归属客户。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open the customer&apos;s card first: a ticket needs a customer.</source>
        <translation>请先打开客户卡片：建工单需要客户。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This contact belongs to another customer.</source>
        <translation>该联系人属于其他客户。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>That ticket is no longer open.</source>
        <translation>该工单已不再处于未关闭状态。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not found: it may have been removed.</source>
        <translation>未找到：可能已被删除。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not a valid value.</source>
        <translation>无效的值。</translation>
    </message>
</context>
<context>
    <name>CallFormView</name>
    <message>
        <location line="+485"/>
        <location line="+618"/>
        <source>(not a known contact)</source>
        <translation>（非已登记联系人）</translation>
    </message>
    <message>
        <location line="-595"/>
        <location line="+597"/>
        <source>(choose the model)</source>
        <translation>（请选择型号）</translation>
    </message>
    <message>
        <location line="-576"/>
        <location line="+28"/>
        <location line="+550"/>
        <source>(choose a symptom)</source>
        <translation>（请选择故障现象）</translation>
    </message>
    <message>
        <location line="-478"/>
        <source>New device: choose its model to register it.</source>
        <translation>新设备：请选择型号以便登记。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>This serial belongs to {owner}.</source>
        <translation>该序列号属于{owner}。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Warranty: unknown</source>
        <translation>保修：未知</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>In warranty until {date}</source>
        <translation>保修期内，至 {date}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Out of warranty since {date}</source>
        <translation>已过保，保修于 {date} 到期</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>This device already has an open ticket {number} (reported {reported}). Add this call to it instead of opening a duplicate?</source>
        <translation>该设备已有未关闭的工单 {number}（报修于 {reported}）。是否将本次来电追加到该工单，而不是重复建单？</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Add to {number}</source>
        <translation>追加到 {number}(&amp;A)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open {number}</source>
        <translation>打开 {number}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Repeat fault: the last ticket {number} was resolved on {resolved}. The new ticket will be linked to it.</source>
        <translation>重复故障：上一张工单 {number} 已于 {resolved} 解决。新工单将与其关联。</translation>
    </message>
    <message>
        <location line="+104"/>
        <source>The draft could not be saved locally: {reason}</source>
        <translation>草稿无法保存到本地：{reason}</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>Saved as ticket {number}, priority {priority}. Response due {response}, resolution due {resolution}.</source>
        <translation>已保存为工单 {number}，优先级 {priority}。响应时限 {response}，解决时限 {resolution}。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Linked as a repeat of {number}.</source>
        <translation>已关联为 {number} 的重复故障。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The call was added to ticket {number}.</source>
        <translation>本次来电已追加到工单 {number}。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The call was saved (no ticket).</source>
        <translation>来电已保存（未建工单）。</translation>
    </message>
    <message>
        <location line="+21"/>
        <location line="+201"/>
        <source>Database unreachable — your call is kept and will be saved when the connection is back.</source>
        <translation>无法连接数据库——本次来电已保留，连接恢复后将自动保存。</translation>
    </message>
    <message>
        <location line="-191"/>
        <source>The call could not be saved because of an internal error: {error}</source>
        <translation>因内部错误，来电未能保存：{error}</translation>
    </message>
    <message>
        <location line="+94"/>
        <source>That wrap-up code is no longer offered: wrap the call up again.</source>
        <translation>该小结代码已不再提供：请重新小结通话。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>New call — new caller</source>
        <translation>新来电——新来电人</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>New call — {customer}</source>
        <translation>新来电——{customer}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>C&amp;hannel</source>
        <translation>渠道(&amp;H)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Caller</source>
        <translation>来电人(&amp;C)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Phone</source>
        <translation>电话(&amp;P)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;ontact</source>
        <translation>联系人(&amp;O)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Serial number</source>
        <translation>序列号(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason for this &amp;serial</source>
        <translation>使用该序列号的原因(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Product &amp;model</source>
        <translation>产品型号(&amp;M)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Installed on</source>
        <translation>安装日期(&amp;I)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Fault started</source>
        <translation>故障开始时间(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>S&amp;ymptom</source>
        <translation>故障现象(&amp;Y)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Error code</source>
        <translation>错误代码(&amp;E)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Description</source>
        <translation>故障描述(&amp;D)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>External factors</source>
        <translation>外部因素</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Urgency (as stated)</source>
        <translation>客户所述紧急程度(&amp;U)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Se&amp;verity</source>
        <translation>严重程度(&amp;V)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Resolution type</source>
        <translation>解决方式(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sol&amp;ution</source>
        <translation>解决方案(&amp;U)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>(choose the severity)</source>
        <translation>（请选择严重程度）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>(how was it resolved?)</source>
        <translation>（如何解决的？）</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+1"/>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Who is calling</source>
        <translation>来电人姓名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. 138 1234 5678 or 010-6552 1234</source>
        <translation>例如 138 1234 5678 或 010-6552 1234</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Type or scan the serial number</source>
        <translation>输入或扫描序列号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What happens, in the caller&apos;s words</source>
        <translation>故障情况（按来电人描述）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resolved on the call</source>
        <translation>电话中已解决</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Submit to &amp;queue</source>
        <translation>提交到队列(&amp;Q)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Resolved on the call</source>
        <translation>电话中已解决(&amp;R)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Information &amp;only</source>
        <translation>仅咨询(&amp;O)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Wrap up the call…</source>
        <translation>结束通话并小结(&amp;W)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open ticket</source>
        <translation>打开工单</translation>
    </message>
</context>
<context>
    <name>CancelVisitDialog</name>
    <message>
        <location filename="../../ui/visit_dialogs.py" line="+428"/>
        <source>Cancel visit</source>
        <translation>取消上门</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cancel a visit</source>
        <translation>取消上门服务</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Keep the visit</source>
        <translation>保留预约</translation>
    </message>
</context>
<context>
    <name>CatalogTab</name>
    <message>
        <location filename="../../ui/admin_catalog.py" line="+199"/>
        <source>Model {code} saved.</source>
        <translation>已保存型号 {code}。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Symptom {name} saved.</source>
        <translation>已保存故障现象 {name}。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Product models — new model</source>
        <translation>产品型号 — 新型号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Product models — {code}</source>
        <translation>产品型号 — {code}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Symptom categories — new symptom</source>
        <translation>故障现象分类 — 新现象</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Symptom categories — {code}</source>
        <translation>故障现象分类 — {code}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Product &amp;kind:</source>
        <translation>产品类别(&amp;K)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Code:</source>
        <translation>代码(&amp;C)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Warranty (months):</source>
        <translation>保修期（月）(&amp;W)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;ode:</source>
        <translation>代码(&amp;O)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;English:</source>
        <translation>英文(&amp;E)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;hinese:</source>
        <translation>中文(&amp;H)：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>New &amp;model</source>
        <translation>新建型号(&amp;M)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save model</source>
        <translation>保存型号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New &amp;symptom</source>
        <translation>新建现象(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save symptom</source>
        <translation>保存现象</translation>
    </message>
</context>
<context>
    <name>CatalogueBox</name>
    <message>
        <location filename="../../ui/admin_parts.py" line="+174"/>
        <source>Part {code} saved.</source>
        <translation>备件 {code} 已保存。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Part {code} offered again.</source>
        <translation>备件 {code} 已重新启用。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Part {code} retired: it can no longer be reserved.</source>
        <translation>备件 {code} 已停用：不能再预留。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>New part</source>
        <translation>新建备件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Part {code}</source>
        <translation>备件 {code}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Offer again</source>
        <translation>重新启用(&amp;O)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Re&amp;tire</source>
        <translation>停用(&amp;T)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Filter by code or name</source>
        <translation>按代码或名称筛选</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;New part</source>
        <translation>新建备件(&amp;N)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Save part</source>
        <translation>保存备件(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record the serial of each unit</source>
        <translation>记录每件的序列号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Code:</source>
        <translation>代码(&amp;C)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;English name:</source>
        <translation>英文名称(&amp;E)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;hinese name:</source>
        <translation>中文名称(&amp;H)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unit &amp;price:</source>
        <translation>单价(&amp;P)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Serials:</source>
        <translation>序列号：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fits &amp;models:</source>
        <translation>适用型号(&amp;M)：</translation>
    </message>
</context>
<context>
    <name>CodeBoxes</name>
    <message>
        <location filename="../../ui/admin_codes.py" line="+126"/>
        <source>Error code {code} saved.</source>
        <translation>错误代码 {code} 已保存。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Error code {code} reactivated: the fault form suggests it again.</source>
        <translation>错误代码 {code} 已重新启用：故障表单会再次提示它。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Error code {code} deactivated: the fault form no longer suggests it; tickets that have it keep it.</source>
        <translation>错误代码 {code} 已停用：故障表单不再提示它；已有该代码的工单保留不变。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Wrap-up code {name} saved.</source>
        <translation>小结代码“{name}”已保存。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Wrap-up code {name} reactivated: agents can end calls with it again.</source>
        <translation>小结代码“{name}”已重新启用：坐席可再次用它小结通话。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Wrap-up code {name} deactivated: it is no longer offered; calls that have it keep it.</source>
        <translation>小结代码“{name}”已停用：不再提供；已使用它的通话记录保留不变。</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Error codes of this kind — new code</source>
        <translation>该类产品的错误代码 — 新代码</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Error codes of this kind — {code}</source>
        <translation>该类产品的错误代码 — {code}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Wrap-up codes (how any call ended) — new code</source>
        <translation>通话小结代码（所有通话的结束方式）— 新代码</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Wrap-up codes (how any call ended) — {code}</source>
        <translation>通话小结代码（所有通话的结束方式）— {code}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Erro&amp;r code:</source>
        <translation>错误代码(&amp;R)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+1"/>
        <source>English:</source>
        <translation>英文：</translation>
    </message>
    <message>
        <location line="-1"/>
        <location line="+1"/>
        <source>Chinese:</source>
        <translation>中文：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Wra&amp;p-up code:</source>
        <translation>小结代码(&amp;P)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New error code</source>
        <translation>新建错误代码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save error code</source>
        <translation>保存错误代码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New wrap-up code</source>
        <translation>新建小结代码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save wrap-up code</source>
        <translation>保存小结代码</translation>
    </message>
</context>
<context>
    <name>CodeList</name>
    <message>
        <location line="-140"/>
        <source>Deactivate</source>
        <translation>停用</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reactivate</source>
        <translation>重新启用</translation>
    </message>
</context>
<context>
    <name>ContactDialog</name>
    <message>
        <location filename="../../ui/customer_dialogs.py" line="+995"/>
        <source>Edit contact</source>
        <translation>编辑联系人</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New contact</source>
        <translation>新建联系人</translation>
    </message>
</context>
<context>
    <name>CustomerCard</name>
    <message>
        <location filename="../../ui/customer_card.py" line="+80"/>
        <source>VIP</source>
        <translation>VIP</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Key account</source>
        <translation>重点客户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Standard</source>
        <translation>普通客户</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>In warranty</source>
        <translation>保修期内</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Under contract</source>
        <translation>合同保障</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chargeable</source>
        <translation>收费维修</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>On track</source>
        <translation>正常</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>At risk</source>
        <translation>即将超时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Breached</source>
        <translation>已超时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No target</source>
        <translation>无时限</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>valid</source>
        <translation>有效</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not yet valid</source>
        <translation>尚未生效</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>active</source>
        <translation>在用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>replaced</source>
        <translation>已替换</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>retired</source>
        <translation>已报废</translation>
    </message>
    <message>
        <location line="+120"/>
        <source>Ticket</source>
        <translation>工单</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reported</source>
        <translation>报修时间</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+229"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="-225"/>
        <source>SLA</source>
        <translation>服务等级</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Due</source>
        <translation>截止时间</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+189"/>
        <source>Serial</source>
        <translation>序列号</translation>
    </message>
    <message>
        <location line="-186"/>
        <source>Fault</source>
        <translation>故障</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Double-click: the maintenance plans of this contract</source>
        <translation>双击：查看此合同的保养计划</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>The database is not reachable; the card shows what was read before.</source>
        <translation>数据库无法连接；卡片显示的是之前读取的内容。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The card could not be read.</source>
        <translation>无法读取卡片。</translation>
    </message>
    <message>
        <location line="+134"/>
        <source>Model</source>
        <translation>型号</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Site</source>
        <translation>地点</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Installed</source>
        <translation>安装日期</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Warranty until</source>
        <translation>保修截止</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Warranty</source>
        <translation>保修状态</translation>
    </message>
</context>
<context>
    <name>CustomerCardView</name>
    <message>
        <location line="+151"/>
        <source>Region {region}</source>
        <translation>区域 {region}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Contacts</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sites</source>
        <translation>地点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contracts</source>
        <translation>服务合同</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Equipment ({count})</source>
        <translation>设备（{count}）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open tickets ({count})</source>
        <translation>未结工单（{count}）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Loading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>There is no such customer.</source>
        <translation>没有此客户。</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>New call</source>
        <translation>新建来电</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit customer</source>
        <translation>编辑客户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit device</source>
        <translation>编辑设备</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Phones</source>
        <translation>电话</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>E-mail / WeChat</source>
        <translation>邮件 / 微信</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Site</source>
        <translation>地点</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Contract</source>
        <translation>合同</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>SLA plan</source>
        <translation>SLA 方案</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Valid</source>
        <translation>有效期</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Card</source>
        <translation>客户卡片</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>History</source>
        <translation>历史记录</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{name} (no. {old}) was merged into this customer.</source>
        <translation>{name}（编号 {old}）已合并到此客户。</translation>
    </message>
</context>
<context>
    <name>CustomerDialog</name>
    <message>
        <location filename="../../ui/customer_dialogs.py" line="-129"/>
        <source>Customers already on file with this name or phone:</source>
        <translation>已有同名或同电话的客户：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>same phone {phone}</source>
        <translation>电话相同 {phone}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>same name</source>
        <translation>名称相同</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>• {name} ({tier}), {why}</source>
        <translation>• {name}（{tier}），{why}</translation>
    </message>
    <message>
        <location line="+15"/>
        <location line="+22"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="-20"/>
        <location line="+21"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="-17"/>
        <location line="+18"/>
        <source>Tier</source>
        <translation>客户等级</translation>
    </message>
    <message>
        <location line="-17"/>
        <location line="+18"/>
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <location line="-17"/>
        <location line="+18"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location line="-17"/>
        <location line="+18"/>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Edit customer</source>
        <translation>编辑客户</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New customer</source>
        <translation>新建客户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Company or person, as on the contract</source>
        <translation>公司或个人名称，与合同一致</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>First contact</source>
        <translation>首位联系人</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>First site</source>
        <translation>首个站点</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>I have checked: this is a new customer, not one of these</source>
        <translation>已核实：这是新客户，不是上述任何一家</translation>
    </message>
</context>
<context>
    <name>CustomerPicker</name>
    <message>
        <location line="+236"/>
        <source>Find a customer by name, pinyin or phone</source>
        <translation>按名称、拼音或电话查找客户</translation>
    </message>
</context>
<context>
    <name>CustomersPage</name>
    <message>
        <location filename="../../ui/customers_page.py" line="+212"/>
        <source>Find a customer or a device in the search on the left, or create a new customer (Ctrl+Shift+N) with its first contact and site.</source>
        <translation>在左侧搜索中查找客户或设备，或新建客户（Ctrl+Shift+N）并填写其第一个联系人和地点。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>New customer…</source>
        <translation>新建客户…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add contact…</source>
        <translation>添加联系人…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add site…</source>
        <translation>添加地点…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Register device…</source>
        <translation>登记设备…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Merge with…</source>
        <translation>合并到…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit device…</source>
        <translation>编辑设备…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move device…</source>
        <translation>迁移设备…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Replace device…</source>
        <translation>更换设备…</translation>
    </message>
</context>
<context>
    <name>DashboardCharts</name>
    <message>
        <location filename="../../ui/dashboard_charts.py" line="+147"/>
        <source>Tickets and calls per hour today</source>
        <translation>今日每小时工单与来电</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>per hour (count)</source>
        <translation>每小时（数量）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>hour of day</source>
        <translation>时刻</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tickets today</source>
        <translation>今日工单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Calls today</source>
        <translation>今日来电</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>average of the last {weeks} same weekdays</source>
        <translation>近 {weeks} 个同星期日平均</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Tickets, {average}</source>
        <translation>工单，{average}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Calls, {average}</source>
        <translation>来电，{average}</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>{hour:02d}:00 tickets: {count} (average {average:g})</source>
        <translation>{hour:02d}:00 工单：{count}（平均 {average:g}）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{hour:02d}:00 calls: {count} (average {average:g})</source>
        <translation>{hour:02d}:00 来电：{count}（平均 {average:g}）</translation>
    </message>
    <message>
        <location line="+22"/>
        <location line="+16"/>
        <source>Response time (first response − reported)</source>
        <translation>响应时间（首次响应 − 报障）</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>hours</source>
        <translation>小时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>date of first response</source>
        <translation>首次响应日期</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Median</source>
        <translation>中位数</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+39"/>
        <source>90th percentile</source>
        <translation>第 90 百分位</translation>
    </message>
    <message>
        <location line="-36"/>
        <source>SLA response target {priority} (default plan, working time)</source>
        <translation>SLA 响应目标 {priority}（默认方案，工作时间）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>percentiles to the minute under 1 h, to 10 min under 8 h, to the hour beyond</source>
        <translation>百分位精度：1 小时内到分钟，8 小时内到 10 分钟，以上到小时</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>median</source>
        <translation>中位数</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{day}: {name} {hours:.2f} h ({count} responded)</source>
        <translation>{day}：{name} {hours:.2f} 小时（已响应 {count}）</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>SLA compliance per day</source>
        <translation>每日 SLA 达成率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>resolved in time (%)</source>
        <translation>按时解决（%）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>date resolved</source>
        <translation>解决日期</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Resolved within the SLA</source>
        <translation>在 SLA 内解决</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{day}: {percent:.1f} % ({met} of {judged})</source>
        <translation>{day}：{percent:.1f}%（{judged} 单中 {met} 单）</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>&lt; 1 h</source>
        <translation>&lt; 1 小时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>1–4 h</source>
        <translation>1–4 小时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>4–24 h</source>
        <translation>4–24 小时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>1–3 days</source>
        <translation>1–3 天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>3–7 days</source>
        <translation>3–7 天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&gt; 7 days</source>
        <translation>&gt; 7 天</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Backlog age</source>
        <translation>积压工单时长</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>open tickets (count)</source>
        <translation>未结工单（数量）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>age since reported</source>
        <translation>自报障起时长</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open tickets</source>
        <translation>未结工单</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>{age}: {count} open tickets</source>
        <translation>{age}：未结工单 {count}</translation>
    </message>
</context>
<context>
    <name>DashboardLoads</name>
    <message>
        <location filename="../../ui/dashboard_tiles.py" line="+118"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open tickets</source>
        <translation>未结工单</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <location filename="../../ui/dashboard_page.py" line="+453"/>
        <source>Updated {when}</source>
        <translation>更新于 {when}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Dashboard</source>
        <translation>监控看板</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Agents and engineers: open tickets</source>
        <translation>坐席与工程师：未结工单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All regions</source>
        <translation>全部区域</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All queues</source>
        <translation>全部队列</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All product kinds</source>
        <translation>全部产品类别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Any tier</source>
        <translation>任意等级</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Today</source>
        <translation>今日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last 7 days</source>
        <translation>近 7 天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last 30 days</source>
        <translation>近 30 天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Custom period</source>
        <translation>自定义时段</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Queue</source>
        <translation>队列</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Product kind</source>
        <translation>产品类别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer tier</source>
        <translation>客户等级</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Period</source>
        <translation>时段</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>First day</source>
        <translation>起始日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last day</source>
        <translation>结束日</translation>
    </message>
</context>
<context>
    <name>DraftOffer</name>
    <message>
        <location filename="../../ui/draft_offer.py" line="+23"/>
        <source>(no details)</source>
        <translation>（无详细信息）</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Unsaved call</source>
        <translation>未保存的来电</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A call you had not saved yet was kept (typed at {time}). Restore it?</source>
        <translation>有一条尚未保存的来电记录已保留（录入于 {time}）。是否恢复？</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{count} more unsaved calls are kept.</source>
        <translation>另有 {count} 条未保存的来电已保留。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Restore</source>
        <translation>恢复(&amp;R)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Discard</source>
        <translation>丢弃(&amp;D)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Later</source>
        <translation>稍后(&amp;L)</translation>
    </message>
</context>
<context>
    <name>EditDialog</name>
    <message>
        <location filename="../../ui/customer_dialogs.py" line="-924"/>
        <source>VIP</source>
        <translation>VIP客户</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Key account</source>
        <translation>重点客户</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Standard</source>
        <translation>普通客户</translation>
    </message>
    <message>
        <location line="+179"/>
        <location line="+42"/>
        <source>This record no longer exists.</source>
        <translation>该记录已不存在。</translation>
    </message>
    <message>
        <location line="-38"/>
        <source>The form could not be loaded (internal error).</source>
        <translation>表单无法加载（内部错误）。</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Not saved: {problem} Nothing you typed is lost; press Save to try again.</source>
        <translation>未保存：{problem} 您输入的内容都还在，请按“保存”重试。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Not saved because of an internal error: {error}</source>
        <translation>因内部错误未保存：{error}</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Another desk saved this record while you were editing.</source>
        <translation>您编辑期间，其他坐席已保存了此记录。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Your values are still in the form.</source>
        <translation>您填写的内容仍保留在表单中。</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+36"/>
        <source>Save my values over theirs</source>
        <translation>用我的内容覆盖保存</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>{field}: {old} → {new}</source>
        <translation>{field}：{old} → {new}</translation>
    </message>
    <message>
        <location line="+97"/>
        <location line="+289"/>
        <source>Contact name</source>
        <translation>联系人姓名</translation>
    </message>
    <message>
        <location line="-286"/>
        <location line="+288"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location line="-286"/>
        <source>Phone {n}</source>
        <translation>电话 {n}</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+287"/>
        <source>E-mail</source>
        <translation>电子邮箱</translation>
    </message>
    <message>
        <location line="-286"/>
        <location line="+287"/>
        <source>WeChat</source>
        <translation>微信</translation>
    </message>
    <message>
        <location line="-285"/>
        <source>e.g. 138 1234 5678 or 010-6552 1234</source>
        <translation>例如 138 1234 5678 或 010-6552 1234</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+1"/>
        <source>optional</source>
        <translation>选填</translation>
    </message>
    <message>
        <location line="+31"/>
        <location line="+312"/>
        <source>Site name</source>
        <translation>站点名称</translation>
    </message>
    <message>
        <location line="-311"/>
        <location line="+312"/>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <location line="-311"/>
        <location line="+312"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location line="-311"/>
        <location line="+313"/>
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <location line="-311"/>
        <source>e.g. Head office, Plant 2</source>
        <translation>例如：总部、二厂</translation>
    </message>
</context>
<context>
    <name>EditErrors</name>
    <message>
        <location line="-646"/>
        <source>Required.</source>
        <translation>必填。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Too long: at most {max} characters.</source>
        <translation>过长：最多 {max} 个字符。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Choose one of the list.</source>
        <translation>请从列表中选择。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not a valid e-mail address (name@example.com).</source>
        <translation>电子邮箱格式不正确（如 name@example.com）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{phone} is not a valid phone number.</source>
        <translation>{phone} 不是有效的电话号码。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{phone} is already in this list.</source>
        <translation>{phone} 已在列表中。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This may be a customer already on file: see below.</source>
        <translation>可能是已建档的客户，请看下方列表。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This record was merged into customer {id}: edit that one.</source>
        <translation>此记录已合并到客户 {id}，请编辑该客户。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This serial number is already registered to {customer}.</source>
        <translation>该序列号已登记在 {customer} 名下。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This site belongs to another customer.</source>
        <translation>该站点属于其他客户。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This date is in the future.</source>
        <translation>该日期晚于今天。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The warranty cannot end before the installation date.</source>
        <translation>保修截止日期不能早于安装日期。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The device is already at this site: choose another one.</source>
        <translation>设备已在该站点，请选择其他站点。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This device was replaced or retired: it cannot be changed.</source>
        <translation>该设备已被更换或报废，不能修改。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A customer cannot be merged into itself.</source>
        <translation>客户不能与自身合并。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This record was already merged into customer {id}.</source>
        <translation>此记录已合并到客户 {id}。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This name is already in use.</source>
        <translation>该名称已被使用。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Use lower-case letters, digits, dots, dashes or underscores.</source>
        <translation>请使用小写字母、数字、点、短横线或下划线。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Too short: at least {min} characters.</source>
        <translation>太短：至少 {min} 个字符。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>You cannot deactivate your own account.</source>
        <translation>不能停用您自己的账号。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The centre needs at least one active administrator.</source>
        <translation>服务中心至少需要一名启用的管理员。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Enter a number.</source>
        <translation>请输入数字。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enter a value from {min} to {max}.</source>
        <translation>请输入 {min} 到 {max} 之间的值。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Type the hours as &quot;09:00-12:00, 13:30-18:00&quot;, or leave empty.</source>
        <translation>请按“09:00-12:00, 13:30-18:00”的格式输入，或留空。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>These periods overlap.</source>
        <translation>这些时间段有重叠。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A period must end after it starts.</source>
        <translation>时间段的结束时间必须晚于开始时间。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The calendar has no working time to reach this target.</source>
        <translation>该日历没有足够的工作时间达到此目标。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Use lower-case letters, digits or underscores, starting with a letter.</source>
        <translation>请使用小写字母、数字或下划线，并以字母开头。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This code is kept by the program for its own use.</source>
        <translation>该代码为程序保留，不能使用。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Saved calls keep this code: only its words can change.</source>
        <translation>已保存的通话使用此代码：只能修改其名称。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>At least one wrap-up code must stay offered.</source>
        <translation>至少要保留一个可用的小结代码。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Use capital letters, digits, dashes or underscores.</source>
        <translation>请使用大写字母、数字、短横线或下划线。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>At most {decimals} decimal places.</source>
        <translation>最多 {decimals} 位小数。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The resolution target cannot be shorter than the response target.</source>
        <translation>解决时限不能短于响应时限。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Make another plan the default first: one plan must be the default.</source>
        <translation>请先将另一个方案设为默认：必须有一个默认方案。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This is still in use, so it cannot be removed.</source>
        <translation>仍在使用中，不能删除。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Too many lines: at most {max}.</source>
        <translation>行数过多：最多 {max} 行。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This contract ended on {day}: it takes no new plans.</source>
        <translation>此合同已于 {day} 到期：不能再添加计划。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This value cannot be saved.</source>
        <translation>此值无法保存。</translation>
    </message>
</context>
<context>
    <name>EngineersDialog</name>
    <message>
        <location filename="../../ui/engineers_dialog.py" line="+131"/>
        <source>Engineer</source>
        <translation>工程师</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Skills</source>
        <translation>技能</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Base</source>
        <translation>驻地</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hours</source>
        <translation>工作时间</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Days</source>
        <translation>工作日</translation>
    </message>
    <message>
        <location line="+56"/>
        <location line="+403"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="-402"/>
        <location line="+403"/>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <location line="-402"/>
        <location line="+403"/>
        <source>To</source>
        <translation>至</translation>
    </message>
    <message>
        <location line="-402"/>
        <location line="+403"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="-295"/>
        <source>All regions</source>
        <translation>所有区域</translation>
    </message>
    <message>
        <location line="+143"/>
        <source>Saved: {name}.</source>
        <translation>已保存：{name}。</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Absence recorded: {kind}, {time}.</source>
        <translation>已登记缺勤：{kind}，{time}。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Visits already booked in this absence — move them:</source>
        <translation>这段缺勤期间已有预约的上门服务，请改期：</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Choose the absence to cancel.</source>
        <translation>请选择要取消的缺勤。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Absence cancelled: {kind}, {time}.</source>
        <translation>已取消缺勤：{kind}，{time}。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Another desk saved this engineer&apos;s profile meanwhile. Your values are still in the form: save again to keep them.</source>
        <translation>其他坐席刚刚保存了该工程师的资料。您填写的内容仍在表单中：再次保存即可保留。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Not saved: see the marked fields.</source>
        <translation>未保存：请查看标出的字段。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Engineers</source>
        <translation>工程师</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Region:</source>
        <translation>区域：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Base and working hours</source>
        <translation>驻地与工作时间</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Base city</source>
        <translation>驻地城市</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Latitude</source>
        <translation>纬度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Longitude</source>
        <translation>经度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Work starts</source>
        <translation>上班时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Work ends</source>
        <translation>下班时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Working days</source>
        <translation>工作日</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>e.g. 31.2304</source>
        <translation>例如 31.2304</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. 121.4737</source>
        <translation>例如 121.4737</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save profile</source>
        <translation>保存资料</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Absences</source>
        <translation>缺勤</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Add absence</source>
        <translation>登记缺勤</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel the chosen absence</source>
        <translation>取消所选缺勤</translation>
    </message>
</context>
<context>
    <name>EquipmentCardView</name>
    <message>
        <location filename="../../ui/equipment_card.py" line="+275"/>
        <source>Contracts covering it</source>
        <translation>覆盖此设备的合同</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open tickets ({count})</source>
        <translation>未结工单（{count}）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>History of this device</source>
        <translation>此设备的历史记录</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Model:</source>
        <translation>型号：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer:</source>
        <translation>客户：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Site:</source>
        <translation>地点：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Installed:</source>
        <translation>安装日期：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warranty until:</source>
        <translation>保修截止：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Replacement:</source>
        <translation>替换：</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>replaced by {serial}</source>
        <translation>已由 {serial} 替换</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>replaces {serial}</source>
        <translation>替换了 {serial}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Loading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>There is no such device.</source>
        <translation>没有此设备。</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Save the passport label</source>
        <translation>保存设备档案标签</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Could not write {path}: {reason}</source>
        <translation>无法写入 {path}：{reason}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Passport label saved to {path}.</source>
        <translation>设备档案标签已保存到 {path}。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>New call</source>
        <translation>新建来电</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Maintenance plans…</source>
        <translation>保养计划…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Preventive maintenance and inspection plans of this device</source>
        <translation>此设备的定期保养和巡检计划</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Passport &amp;label…</source>
        <translation>设备标签(&amp;L)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A label with the device&apos;s QR code to stick on it: scanning it opens this card</source>
        <translation>带设备二维码的标签，贴在设备上：扫码即可打开此设备卡片</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Contract</source>
        <translation>合同</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>SLA plan</source>
        <translation>SLA 方案</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Valid</source>
        <translation>有效期</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>EquipmentDialog</name>
    <message>
        <location filename="../../ui/equipment_dialogs.py" line="+202"/>
        <location line="+16"/>
        <source>Model</source>
        <translation>型号</translation>
    </message>
    <message>
        <location line="-12"/>
        <location line="+13"/>
        <source>Installed</source>
        <translation>安装日期</translation>
    </message>
    <message>
        <location line="-12"/>
        <location line="+13"/>
        <source>Warranty ends</source>
        <translation>保修截止</translation>
    </message>
    <message>
        <location line="-12"/>
        <location line="+13"/>
        <source>Site</source>
        <translation>站点</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Edit device</source>
        <translation>编辑设备</translation>
    </message>
</context>
<context>
    <name>FollowUps</name>
    <message>
        <location filename="../../ui/follow_ups_page.py" line="+71"/>
        <source>The customer is not satisfied: reopen the ticket or open a complaint.</source>
        <translation>客户不满意：请重新打开工单或登记投诉。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Only a customer who was reached can reopen or complain.</source>
        <translation>只有联系上客户时才能重新打开工单或登记投诉。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Write down what the customer complains about.</source>
        <translation>请写明客户投诉的内容。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Due</source>
        <translation>到期</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Ticket</source>
        <translation>工单</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Resolved</source>
        <translation>解决时间</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Tries</source>
        <translation>尝试次数</translation>
    </message>
</context>
<context>
    <name>FollowUpsPage</name>
    <message>
        <location line="+235"/>
        <source>The list could not be read: the database did not answer.</source>
        <translation>无法读取列表：数据库没有响应。</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Choose a follow-up on the left.</source>
        <translation>请在左侧选择一条回访。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&lt;b&gt;{number}&lt;/b&gt; · {customer}</source>
        <translation>&lt;b&gt;{number}&lt;/b&gt; · {customer}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Call {contact} on &lt;b&gt;{phone}&lt;/b&gt;</source>
        <translation>致电 {contact}：&lt;b&gt;{phone}&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(no number on file)</source>
        <translation>（未登记电话）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Device: {device}</source>
        <translation>设备：{device}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Fixed by {who}: {solution}</source>
        <translation>由{who}处理：{solution}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Fix: {solution}</source>
        <translation>处理：{solution}</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Say whether the customer was reached.</source>
        <translation>请选择是否联系上客户。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>{number}: not reached; the follow-up comes back tomorrow.</source>
        <translation>{number}：未联系上，明天再次回访。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{number}: complaint {complaint} opened.</source>
        <translation>{number}：已登记投诉 {complaint}。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{number}: reopened.</source>
        <translation>{number}：已重新打开。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{number}: follow-up recorded, ticket closed.</source>
        <translation>{number}：回访已记录，工单已关闭。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Please complete the answer.</source>
        <translation>请填写完整的回访结果。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Another desk recorded this follow-up meanwhile. Your notes are still here; the list has been refreshed.</source>
        <translation>另一个坐席已记录了这条回访。您填写的内容仍保留在此，列表已刷新。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Not saved: the database did not answer. Your answer is kept; try again.</source>
        <translation>未保存：数据库没有响应。您填写的内容已保留，请重试。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Follow-up call</source>
        <translation>回访</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reached the customer?</source>
        <translation>联系上客户了吗？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fault fixed?</source>
        <translation>故障是否已解决？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Comments</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next step</source>
        <translation>后续处理</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No answer</source>
        <translation>无人接听</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Yes, it works</source>
        <translation>是，已正常</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No, the fault is back</source>
        <translation>否，故障又出现了</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>1 = very dissatisfied … 5 = very satisfied</source>
        <translation>1 = 非常不满意 … 5 = 非常满意</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reopen the ticket</source>
        <translation>重新打开工单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open a complaint</source>
        <translation>登记投诉</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record answer</source>
        <translation>记录回访结果</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record the answer (Ctrl+Enter)</source>
        <translation>记录回访结果（Ctrl+Enter）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No follow-up calls are due. Well done.</source>
        <translation>目前没有到期的回访。</translation>
    </message>
</context>
<context>
    <name>History</name>
    <message>
        <location filename="../../ui/history_view.py" line="+60"/>
        <source>Ticket opened</source>
        <translation>新建工单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Call</source>
        <translation>来电</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Assignment</source>
        <translation>派单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Visit</source>
        <translation>上门服务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Part</source>
        <translation>备件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Follow-up</source>
        <translation>回访</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Equipment</source>
        <translation>设备</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer record</source>
        <translation>客户资料</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location line="+90"/>
        <source>Closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <location line="-83"/>
        <source>phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e-mail</source>
        <translation>邮件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>WeChat</source>
        <translation>微信</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>web</source>
        <translation>网页</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>walk-in</source>
        <translation>到店</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+1"/>
        <source>resolved on the call</source>
        <translation>电话中已解决</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ticket created</source>
        <translation>已建工单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>added to a ticket</source>
        <translation>已并入工单</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>information only</source>
        <translation>仅咨询</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>wrong number</source>
        <translation>打错电话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>callback requested</source>
        <translation>要求回电</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>complaint</source>
        <translation>投诉</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>follow-up</source>
        <translation>回访</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{minutes} min {seconds} s</source>
        <translation>{minutes} 分 {seconds} 秒</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>{priority}, {status}: {description}</source>
        <translation>{priority}，{status}：{description}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>(serial {serial})</source>
        <translation>（序列号 {serial}）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Outgoing {channel} call to {caller}</source>
        <translation>{channel}外呼给 {caller}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Incoming {channel} call from {caller}</source>
        <translation>{caller} 的{channel}来电</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>an unknown caller</source>
        <translation>未知来电人</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Status {old} → {new}</source>
        <translation>状态 {old} → {new}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Resolved ({how})</source>
        <translation>已解决（{how}）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Reopened</source>
        <translation>重新打开</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>nobody</source>
        <translation>无人</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Assigned to {name} ({queue})</source>
        <translation>派给 {name}（{queue}）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Assigned to {name}</source>
        <translation>派给 {name}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Call added to the ticket: {note}</source>
        <translation>来电并入工单：{note}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{serial} moved from {old} ({old_site}) to {new} ({new_site})</source>
        <translation>{serial} 从 {old}（{old_site}）移至 {new}（{new_site}）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{serial} replaced by {new}</source>
        <translation>{serial} 已由 {new} 替换</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{serial} registered, replacing {old}</source>
        <translation>{serial} 已登记，替换 {old}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{serial} registered</source>
        <translation>{serial} 已登记</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{serial} edited: {fields}</source>
        <translation>{serial} 已修改：{fields}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Merged in the record {name}</source>
        <translation>已合并客户记录 {name}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Merged into {name}</source>
        <translation>已合并到 {name}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Created ({what})</source>
        <translation>已创建（{what}）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Edited ({what}): {fields}</source>
        <translation>已修改（{what}）：{fields}</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <location line="+36"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ticket</source>
        <translation>工单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Details</source>
        <translation>详情</translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message>
        <location line="+261"/>
        <source>Loading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing in this period.</source>
        <translation>此期间没有记录。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The history could not be read: the database is not reachable.</source>
        <translation>无法读取历史记录：数据库无法连接。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The history could not be read.</source>
        <translation>无法读取历史记录。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{count} entries shown</source>
        <translation>显示 {count} 条记录</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From:</source>
        <translation>从：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To:</source>
        <translation>到：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>any date</source>
        <translation>不限</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Everything</source>
        <translation>全部</translation>
    </message>
</context>
<context>
    <name>ImportCheckPage</name>
    <message>
        <location filename="../../ui/import_wizard.py" line="+495"/>
        <source>Check every row</source>
        <translation>逐行检查</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing is written yet. Rows with problems are listed; fix them in the file.</source>
        <translation>尚未写入任何数据。有问题的行列在下面，请在文件中修正。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cancel check</source>
        <translation>取消检查</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Save error report…</source>
        <translation>保存错误报告…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Import the accepted rows and leave the rejected ones out</source>
        <translation>导入通过检查的行，跳过被拒绝的行</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>Checked.</source>
        <translation>检查完毕。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nothing to import: the database has every accepted row.</source>
        <translation>没有需要导入的内容：数据库中已有所有通过检查的行。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Check cancelled. Go Back and Next to check again.</source>
        <translation>检查已取消。点“上一步”再点“下一步”可重新检查。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Save error report</source>
        <translation>保存错误报告</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Errors</source>
        <translation>错误</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Error report not saved</source>
        <translation>错误报告未保存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The file could not be written: {error}</source>
        <translation>无法写入文件：{error}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Error report saved to {path}.</source>
        <translation>错误报告已保存到 {path}。</translation>
    </message>
</context>
<context>
    <name>ImportFilePage</name>
    <message>
        <location line="-418"/>
        <source>Choose the file</source>
        <translation>选择文件</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>An Excel workbook (.xlsx) or a CSV file (UTF-8 or GBK, as Chinese Excel saves it). The first row must hold the column names.</source>
        <translation>Excel 工作簿（.xlsx）或 CSV 文件（UTF-8 或 GBK，即中文 Excel 保存的格式）。第一行必须是列名。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Customers with contacts, sites and devices</source>
        <translation>客户（含联系人、场所和设备）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Equipment of existing customers</source>
        <translation>已有客户的设备</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Choose a file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sheet</source>
        <translation>工作表</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Import from</source>
        <translation>导入自</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Spreadsheets (*.xlsx *.xlsm *.csv *.txt)</source>
        <translation>电子表格 (*.xlsx *.xlsm *.csv *.txt)</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Reading {name}…</source>
        <translation>正在读取 {name}…</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>{columns} columns, read as {encoding}.</source>
        <translation>{columns} 列，按 {encoding} 读取。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{columns} columns.</source>
        <translation>{columns} 列。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>There is no such file.</source>
        <translation>没有这个文件。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only .xlsx and .csv files can be imported.</source>
        <translation>只能导入 .xlsx 和 .csv 文件。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This file is not an Excel workbook that can be read.</source>
        <translation>该文件不是可读取的 Excel 工作簿。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The workbook has no such sheet.</source>
        <translation>工作簿中没有该工作表。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The file cannot be read: {error}</source>
        <translation>无法读取文件：{error}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The file cannot be read.</source>
        <translation>无法读取文件。</translation>
    </message>
</context>
<context>
    <name>ImportMappingPage</name>
    <message>
        <location line="+15"/>
        <source>Match the columns</source>
        <translation>对应列</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Each field takes its values from the column chosen here (guessed from the column names). Fields marked * must have a column.</source>
        <translation>每个字段取自此处选择的列（已按列名自动识别）。标 * 的字段必须选择一列。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The first rows of the file:</source>
        <translation>文件的前几行：</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>(not imported)</source>
        <translation>（不导入）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>column {n}</source>
        <translation>第 {n} 列</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Choose a column for: {fields}</source>
        <translation>请为以下字段选择列：{fields}</translation>
    </message>
</context>
<context>
    <name>ImportRunPage</name>
    <message>
        <location line="+207"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Every accepted row is written in one go, or none: Cancel leaves the database as it was.</source>
        <translation>所有通过检查的行一次全部写入，否则一行也不写：取消后数据库保持原样。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cancel import</source>
        <translation>取消导入</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>Imported.</source>
        <translation>导入完成。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Import cancelled: nothing was written.</source>
        <translation>导入已取消：未写入任何数据。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Nothing was written: the file or the database changed since the check. Run the wizard again.</source>
        <translation>未写入任何数据：检查之后文件或数据库已有变化。请重新运行向导。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Nothing was written.</source>
        <translation>未写入任何数据。</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <location line="+39"/>
        <source>Import customers and equipment</source>
        <translation>导入客户和设备</translation>
    </message>
</context>
<context>
    <name>ImportWords</name>
    <message>
        <location line="-732"/>
        <source>Customer name</source>
        <translation>客户名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer kind</source>
        <translation>客户类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tier</source>
        <translation>客户等级</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mobile</source>
        <translation>手机</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E-mail</source>
        <translation>邮箱</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>WeChat</source>
        <translation>微信</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Site</source>
        <translation>场所</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Site address</source>
        <translation>场所地址</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Serial number</source>
        <translation>序列号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Product model</source>
        <translation>产品型号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Install date</source>
        <translation>安装日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warranty end</source>
        <translation>保修截止</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contract number</source>
        <translation>合同号</translation>
    </message>
    <message>
        <location line="+689"/>
        <source>The file cannot be read any more.</source>
        <translation>文件已无法读取。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>An internal error stopped it; it has been logged.</source>
        <translation>发生内部错误而中止，已记录日志。</translation>
    </message>
</context>
<context>
    <name>KpiHelp</name>
    <message>
        <location filename="../../ui/kpi_help.py" line="+32"/>
        <source>Period and filters</source>
        <translation>统计期间与筛选</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A period is a run of the centre&apos;s local days (Beijing time), both ends included: a ticket counts on the local day its timestamp falls on. Filters: region (the region of the ticket&apos;s queue, else of its customer), queue, product kind (the category of the ticket&apos;s product model; tickets without a model are left out once a kind is chosen) and customer tier. Trends compare with the period of the same number of days just before. A KPI with nothing to measure in the period shows a dash, never 0.</source>
        <translation>统计期间是服务中心本地（北京时间）的连续若干天，首尾两天都包括在内：工单按其时间点所在的本地日期计入。筛选条件：区域（工单所在队列的区域，队列无区域时取客户的区域）、队列、产品类别（工单产品型号所属的类别；选定类别后，没有型号的工单不计入）和客户等级。趋势与紧挨在前、天数相同的期间比较。期间内没有可统计数据的指标显示为短横线，而不是 0。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>First-call resolution rate</source>
        <translation>一次解决率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fault tickets reported in the period that were resolved during the call that logged them and never reopened, divided by all fault tickets reported in the period. Complaints are not counted.</source>
        <translation>期间内受理的故障工单中，在受理该故障的那次通话中即已解决且从未重新打开的工单数，除以期间内受理的全部故障工单数。投诉工单不计入。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Time to respond (mean and median)</source>
        <translation>响应时长（平均值与中位数）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tickets whose first response (the first move to In progress or Resolved) falls in the period. The time from the report to the first response, shown two ways: working hours of the calendar of the ticket&apos;s SLA plan (nights, weekends, holidays and time waiting for the customer left out), and clock hours (every hour counts). The median of an even number of tickets is the mean of the two middle ones.</source>
        <translation>首次响应（第一次转为“处理中”或“已解决”）落在期间内的工单。从报障到首次响应的时长，按两种方式显示：按工单 SLA 方案的工作日历计算的工作小时（夜间、周末、节假日以及等待客户的时间不计），以及自然小时（每个小时都计）。工单数为偶数时，中位数取中间两个值的平均。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Time to resolve (mean and median)</source>
        <translation>解决时长（平均值与中位数）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tickets whose latest resolution falls in the period. The time from the report to the resolution in working hours of the SLA plan&apos;s calendar (time waiting for the customer and, for a reopened ticket, the time it stood resolved left out), and in clock hours from the report to the resolution.</source>
        <translation>最近一次解决落在期间内的工单。从报障到解决的时长：按 SLA 方案工作日历计算的工作小时（等待客户的时间不计；重新打开过的工单，其处于已解决状态的时间也不计），以及从报障到解决的自然小时。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>SLA response compliance</source>
        <translation>SLA 响应达标率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Of the tickets first responded to in the period that have a response deadline, the share answered at or before it. Tickets still waiting for a first response are not counted here (they are in the backlog).</source>
        <translation>期间内首次响应且有响应时限的工单中，在时限之前（含）响应的比例。仍在等待首次响应的工单不在此计入（它们计入积压）。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>SLA resolution compliance</source>
        <translation>SLA 解决达标率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Of the tickets resolved in the period that have a resolution deadline, the share resolved at or before it (the deadline as last moved by waits for the customer and by priority or plan changes). Open tickets are not counted.</source>
        <translation>期间内解决且有解决时限的工单中，在时限之前（含）解决的比例（时限以最后一次调整后的为准：等待客户、优先级或方案变更都会顺延时限）。未解决的工单不计入。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Reopen rate</source>
        <translation>重开率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Of the tickets resolved in the period, the share that had been reopened at least once (by an agent, or after a follow-up call) before their latest resolution. A reopened ticket not yet resolved again counts once it is.</source>
        <translation>期间内解决的工单中，在最近一次解决之前至少被重新打开过一次（由坐席重开，或回访后重开）的比例。已重开但尚未再次解决的工单，在再次解决后才计入。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Backlog and its age</source>
        <translation>积压及其时长</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tickets reported before the end of the period and not resolved by then (for a period not over yet: open now), complaints included. Age: clock hours from the report to the end of the period (or now), mean and median.</source>
        <translation>在期间结束前受理、截至期间结束仍未解决的工单（期间尚未结束时：当前未结的工单），包括投诉。时长：从报障到期间结束（或当前）的自然小时，显示平均值与中位数。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Follow-up satisfaction</source>
        <translation>回访满意度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Follow-up calls answered in the period with a satisfaction score (1 to 5): the average score, and the share of scores 4 or 5. Calls where the customer was not reached or gave no score are left out.</source>
        <translation>期间内完成且给出满意度评分（1 至 5 分）的回访：平均分，以及 4 分或 5 分所占的比例。未联系上客户或客户未评分的回访不计入。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Failures by product model, symptom category and error code</source>
        <translation>按产品型号、故障现象类别和故障代码统计的故障</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Fault tickets reported in the period, counted per product model, per symptom category and per error code, each with its share of all fault tickets reported in the period. Faults without a model, symptom or error code have no row, so the shares need not add up to 100%. This is the feedback to R&amp;D.</source>
        <translation>期间内受理的故障工单，分别按产品型号、故障现象类别和故障代码计数，并给出各自占期间内全部故障工单的比例。没有型号、现象或故障代码的故障不单列一行，因此各行比例之和不一定是 100%。这些数据反馈给研发部门（R&amp;D）。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Repeat faults on the same device</source>
        <translation>同一设备的重复故障</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fault tickets reported in the period on a known device (serial number) that were flagged as a repeat when logged: the same device&apos;s previous fault had been fixed within the centre&apos;s repeat window (30 days unless the centre changed it). Rate: repeats divided by all fault tickets on known devices; also per product model.</source>
        <translation>期间内在已知设备（有序列号）上受理、受理时被标记为重复故障的故障工单：该设备上一次故障修复后未超过中心设定的重复期限（除非中心另行设置，为 30 天）。比率：重复故障数除以已知设备上的全部故障工单数；也按产品型号列出。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Engineer utilisation and visits per day</source>
        <translation>工程师利用率与每日上门次数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not measurable yet: visits (arrival, departure, time on site) are not recorded until the field-service records exist, so no utilisation and no visits per day are shown. Shown instead, per active engineer: tickets resolved as assignee in the period, the same per calendar day of the period, and tickets assigned to the engineer and open now.</source>
        <translation>暂无法统计：在现场服务记录建立之前，上门服务（到达、离开、现场用时）没有记录，因此不显示利用率和每日上门次数。改为按每位在岗工程师显示：期间内作为处理人解决的工单数、按期间自然日平均的每日解决数，以及当前分派给该工程师且未结的工单数。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Parts consumption</source>
        <translation>备件消耗</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not measurable yet: parts used on visits are not recorded until the field-service records exist. No figure is shown.</source>
        <translation>暂无法统计：在现场服务记录建立之前，上门服务所用的备件没有记录。不显示任何数字。</translation>
    </message>
</context>
<context>
    <name>KpiHelpDialog</name>
    <message>
        <location line="+46"/>
        <source>KPI definitions</source>
        <translation>指标定义</translation>
    </message>
</context>
<context>
    <name>LocationsBox</name>
    <message>
        <location filename="../../ui/admin_stock.py" line="+142"/>
        <source>Location {code} saved.</source>
        <translation>库位 {code} 已保存。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Location {code} open again.</source>
        <translation>库位 {code} 已重新启用。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Location {code} closed.</source>
        <translation>库位 {code} 已关闭。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Stock locations — new location</source>
        <translation>库位 — 新建库位</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stock locations — {code}</source>
        <translation>库位 — {code}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Open again</source>
        <translation>重新启用(&amp;O)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>C&amp;lose</source>
        <translation>关闭(&amp;L)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>(choose a region)</source>
        <translation>（选择区域）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(choose an engineer)</source>
        <translation>（选择工程师）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Co&amp;de:</source>
        <translation>代码(&amp;D)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Na&amp;me:</source>
        <translation>名称(&amp;M)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Kind:</source>
        <translation>类型(&amp;K)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Region:</source>
        <translation>区域(&amp;R)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Engineer:</source>
        <translation>工程师(&amp;E)：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>New &amp;location</source>
        <translation>新建库位(&amp;L)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save locat&amp;ion</source>
        <translation>保存库位(&amp;I)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="+414"/>
        <source>No ticket is waiting for you.</source>
        <translation>没有等待您处理的工单。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ticket {number} ({priority}) is now yours.</source>
        <translation>工单 {number}（{priority}）已分配给您。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>No ticket was taken: the database did not answer. Try again.</source>
        <translation>未能领取工单：数据库没有响应，请重试。</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>{number} breached its SLA and was escalated to the supervisors.</source>
        <translation>{number} 已超出 SLA，已升级给主管。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{number} is at risk of breaching its SLA.</source>
        <translation>{number} 即将超出 SLA。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Unsaved calls</source>
        <translation>未保存的来电</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No unsaved calls are kept on this desk.</source>
        <translation>本工作台没有保留未保存的来电。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>About Service Desk Workstation</source>
        <translation>关于售后服务工作站</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Service Desk Workstation {version}</source>
        <translation>售后服务工作站 {version}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>For the after-sales service centre: take fault calls, see the history of every customer and device, triage, dispatch and schedule engineers&apos; visits, and report on service levels.</source>
        <translation>面向售后服务中心：受理报障来电，查看每位客户和每台设备的历史记录，分诊、派工并安排工程师上门，统计服务水平报表。</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>Internal error</source>
        <translation>内部错误</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Something went wrong inside the program. The details are in the log.</source>
        <translation>程序内部出错。详细信息已记入日志。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Service Desk Workstation — {name}</source>
        <translation>售后服务工作站 — {name}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign &amp;out</source>
        <translation>退出登录(&amp;O)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About Service Desk Workstation</source>
        <translation>关于售后服务工作站(&amp;A)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Find caller…</source>
        <translation>查找来电客户(&amp;F)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;New call</source>
        <translation>新建来电(&amp;N)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Unsaved calls…</source>
        <translation>未保存的来电(&amp;U)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Import customers/equipment…</source>
        <translation>导入客户/设备(&amp;I)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Take next ticket</source>
        <translation>领取下一个工单(&amp;T)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Areas</source>
        <translation>功能区</translation>
    </message>
</context>
<context>
    <name>MaintenancePlans</name>
    <message>
        <location filename="../../ui/maintenance_plans_dialog.py" line="+70"/>
        <source>every month</source>
        <translation>每月</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>every year</source>
        <translation>每年</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>every {months} months</source>
        <translation>每 {months} 个月</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{kind}, {every}</source>
        <translation>{kind}，{every}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Contract {number} ({count} devices)</source>
        <translation>合同 {number}（{count} 台设备）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This device</source>
        <translation>本设备</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Inactive</source>
        <translation>已停用</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{count} overdue</source>
        <translation>{count} 次逾期</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Active</source>
        <translation>生效中</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Plan</source>
        <translation>计划</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Interval</source>
        <translation>周期</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Next due</source>
        <translation>下次到期</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Lead days</source>
        <translation>提前天数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{minutes} min</source>
        <translation>{minutes} 分钟</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Covers</source>
        <translation>覆盖范围</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>MaintenancePlansDialog</name>
    <message>
        <location line="+339"/>
        <location line="+18"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>This plan or record no longer exists.</source>
        <translation>此计划或记录已不存在。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Another desk changed this plan meanwhile: the list shows it now.</source>
        <translation>其他坐席刚刚修改了此计划：列表已显示最新内容。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The plans could not be read or saved (internal error).</source>
        <translation>无法读取或保存计划（内部错误）。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>&amp;Take up again</source>
        <translation>重新启用(&amp;T)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Deactivate…</source>
        <translation>停用(&amp;D)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The device is no longer in service or the contract has ended.</source>
        <translation>设备已停止服务或合同已到期。</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Deactivate plan</source>
        <translation>停用计划</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Deactivate “{name}”? Its visits not booked yet leave the schedule; booked and completed visits stay. The plan stays on record and can be taken up again.</source>
        <translation>停用“{name}”？尚未预约的上门将从排期中移除；已预约和已完成的上门保留。计划仍留存记录，可重新启用。</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Saved. Visits to schedule: {created} new, {removed} removed.</source>
        <translation>已保存。待排期上门：新增 {created} 个，移除 {removed} 个。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Maintenance plans of a device</source>
        <translation>设备的保养计划</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Device {label}</source>
        <translation>设备 {label}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Maintenance plans of a contract</source>
        <translation>合同的保养计划</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Contract {label}</source>
        <translation>合同 {label}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>valid {start} – {end}</source>
        <translation>有效期 {start} – {end}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>delivery {day}: installation and commissioning due then</source>
        <translation>交付日期 {day}：届时需安装调试</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>installations: {done} done, {booked} booked, {waiting} to schedule</source>
        <translation>安装：已完成 {done} 台，已预约 {booked} 台，待排期 {waiting} 台</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{count} late</source>
        <translation>{count} 台逾期</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>no new plans: the device is out of service</source>
        <translation>不能新增计划：设备已停止服务</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no new plans: the contract has ended</source>
        <translation>不能新增计划：合同已到期</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;New plan…</source>
        <translation>新建计划(&amp;N)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Edit…</source>
        <translation>编辑(&amp;E)…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;View…</source>
        <translation>查看(&amp;V)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>You can see these plans; supervisors and administrators create and change them.</source>
        <translation>您可以查看这些计划；由主管和管理员新建和修改。</translation>
    </message>
</context>
<context>
    <name>MergeCustomersDialog</name>
    <message>
        <location filename="../../ui/merge_dialog.py" line="+168"/>
        <source>Everything of {merge} moves to {keep}. {merge} stays on file as merged, so its history holds. Tier after the merge: {tier}.</source>
        <translation>{merge} 的全部资料将转入 {keep}。{merge} 作为已合并记录保留，历史记录不受影响。合并后的客户等级：{tier}。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Contacts: {contacts}, sites: {sites}, devices: {equipment},
tickets: {tickets}, calls: {calls}, contracts: {contracts}</source>
        <translation>联系人：{contacts}，站点：{sites}，设备：{equipment}，
工单：{tickets}，来电：{calls}，合同：{contracts}</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Merge customer records</source>
        <translation>合并客户记录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Duplicate record</source>
        <translation>重复记录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kept</source>
        <translation>保留</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Merged into it</source>
        <translation>并入保留记录</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tier</source>
        <translation>客户等级</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phones</source>
        <translation>电话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Records</source>
        <translation>相关记录</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Keep the other record instead</source>
        <translation>改为保留另一条记录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. the same company entered twice</source>
        <translation>例如：同一家公司重复建档</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>I have checked: both records are the same customer. Merge them.</source>
        <translation>已核实：两条记录是同一客户，确认合并。</translation>
    </message>
    <message>
        <location line="-22"/>
        <source>Merge</source>
        <translation>合并</translation>
    </message>
</context>
<context>
    <name>MoveEquipmentDialog</name>
    <message>
        <location filename="../../ui/equipment_dialogs.py" line="+77"/>
        <source>Now: {device}</source>
        <translation>当前：{device}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Move device</source>
        <translation>移机</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To customer</source>
        <translation>目标客户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chosen</source>
        <translation>已选客户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To site</source>
        <translation>目标站点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. sold to another customer, moved to plant 2</source>
        <translation>例如：转售给其他客户、搬到二厂</translation>
    </message>
</context>
<context>
    <name>MoveVisitDialog</name>
    <message>
        <location filename="../../ui/visit_dialogs.py" line="-69"/>
        <source>Book visit</source>
        <translation>预约上门</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move visit</source>
        <translation>改期</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Book a visit to schedule</source>
        <translation>预约待排期的上门服务</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Move a visit</source>
        <translation>上门服务改期</translation>
    </message>
</context>
<context>
    <name>NoticePage</name>
    <message>
        <location filename="../../ui/area_pages.py" line="+119"/>
        <source>This area is not available yet in this version.</source>
        <translation>此版本尚未提供该功能区。</translation>
    </message>
</context>
<context>
    <name>OrgTab</name>
    <message>
        <location filename="../../ui/admin_org.py" line="+115"/>
        <location line="+102"/>
        <source>(all regions)</source>
        <translation>（所有区域）</translation>
    </message>
    <message>
        <location line="-48"/>
        <source>Region {name} saved.</source>
        <translation>已保存区域 {name}。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Queue {name} saved.</source>
        <translation>已保存队列 {name}。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Regions — new region</source>
        <translation>区域 — 新区域</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Regions — {code}</source>
        <translation>区域 — {code}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Queues — new queue</source>
        <translation>队列 — 新队列</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Queues — {code}</source>
        <translation>队列 — {code}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Code:</source>
        <translation>代码(&amp;C)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;ode:</source>
        <translation>代码(&amp;O)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>N&amp;ame:</source>
        <translation>名称(&amp;A)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Line:</source>
        <translation>级别(&amp;L)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Region:</source>
        <translation>区域(&amp;R)：</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>New re&amp;gion</source>
        <translation>新建区域(&amp;G)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save region</source>
        <translation>保存区域</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New &amp;queue</source>
        <translation>新建队列(&amp;Q)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save queue</source>
        <translation>保存队列</translation>
    </message>
</context>
<context>
    <name>PartsTab</name>
    <message>
        <location filename="../../ui/admin_parts.py" line="+81"/>
        <source>Catalogue</source>
        <translation>备件目录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Locations and stock</source>
        <translation>库位与库存</translation>
    </message>
</context>
<context>
    <name>PartsUsedTable</name>
    <message>
        <location filename="../../ui/parts_used.py" line="+108"/>
        <source>Part (from)</source>
        <translation>备件（出库地点）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reserved</source>
        <translation>已预留</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Used</source>
        <translation>已使用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Removed serial</source>
        <translation>拆下序列号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fitted serial</source>
        <translation>装上序列号</translation>
    </message>
</context>
<context>
    <name>PartsWords</name>
    <message>
        <location filename="../../ui/parts_words.py" line="+21"/>
        <source>Central warehouse</source>
        <translation>中心仓库</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Regional store</source>
        <translation>区域备件库</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Engineer&apos;s van</source>
        <translation>工程师车载库</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Reserved</source>
        <translation>已预留</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fitted</source>
        <translation>已更换</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Returned</source>
        <translation>已退回</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>This region</source>
        <translation>本区域</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Warehouse</source>
        <translation>中心仓库</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other region</source>
        <translation>其他区域</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Only {available} available here, {wanted} wanted.</source>
        <translation>此处仅有 {available} 件可用，需要 {wanted} 件。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This part is retired: it can no longer be reserved.</source>
        <translation>该备件已停用：不能再预留。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This location is closed.</source>
        <translation>该库位已关闭。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This visit was cancelled: its parts can no longer change.</source>
        <translation>该上门服务已取消：其备件不能再更改。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This visit is completed: its parts can no longer change.</source>
        <translation>该上门服务已完成：其备件不能再更改。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This line is no longer reserved: it was fitted or returned.</source>
        <translation>该行已不再预留：已更换或已退回。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>More than the {reserved} reserved on this line.</source>
        <translation>超过该行预留的 {reserved} 件。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A serialised part is fitted one unit at a time.</source>
        <translation>按序列号管理的备件须逐件更换。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This line is for another part.</source>
        <translation>该行是另一种备件。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This location still holds {on_hand} units: move them first.</source>
        <translation>该库位仍有 {on_hand} 件库存：请先调出。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Choose a location other than the one the parts leave.</source>
        <translation>请选择与调出库位不同的库位。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This engineer already has a van.</source>
        <translation>该工程师已有车载库。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This code is already in use.</source>
        <translation>该代码已被使用。</translation>
    </message>
</context>
<context>
    <name>PlanEditorDialog</name>
    <message>
        <location filename="../../ui/maintenance_plans_dialog.py" line="-391"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Interval</source>
        <translation>周期</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>First due</source>
        <translation>首次到期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lead days</source>
        <translation>提前天数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Checklist</source>
        <translation>检查清单</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The plan was deactivated.</source>
        <translation>该计划已被停用。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Save plan</source>
        <translation>保存计划</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Maintenance plan (read only)</source>
        <translation>保养计划（只读）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New maintenance plan</source>
        <translation>新建保养计划</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Edit maintenance plan</source>
        <translation>编辑保养计划</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Kind:</source>
        <translation>类型(&amp;K)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Every:</source>
        <translation>周期(&amp;E)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;First due:</source>
        <translation>首次到期(&amp;F)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Lead days:</source>
        <translation>提前天数(&amp;L)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Duration:</source>
        <translation>时长(&amp;D)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Checklist:</source>
        <translation>检查清单(&amp;C)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next due dates:</source>
        <translation>后续到期日：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> months</source>
        <translation> 个月</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>One check per line, as the engineer ticks them off on site.</source>
        <translation>每行一项检查，供工程师在现场逐项勾选。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The visit is created this many days before it is due, to be booked.</source>
        <translation>在到期日前这么多天生成上门任务，以便预约。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>For every device of contract {number} ({count} devices).</source>
        <translation>适用于合同 {number} 的全部设备（{count} 台）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>For every device the contract covers.</source>
        <translation>适用于合同覆盖的全部设备。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>For this device.</source>
        <translation>适用于本设备。</translation>
    </message>
</context>
<context>
    <name>PresenceBanner</name>
    <message>
        <location filename="../../ui/presence.py" line="+67"/>
        <source>{name} also has this ticket open</source>
        <translation>{name}也在查看此工单</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{first} and {second} have this ticket open</source>
        <translation>{first}和{second}正在查看此工单</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{first}, {second} and {count} more have this ticket open</source>
        <translation>{first}、{second}及另外 {count} 人正在查看此工单</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{name}: open since {since}</source>
        <translation>{name}：自 {since} 起打开</translation>
    </message>
</context>
<context>
    <name>Problems</name>
    <message>
        <location filename="../../ui/problems.py" line="+14"/>
        <source>Cannot reach the database. Check the network connection, then try again.</source>
        <translation>无法连接数据库。请检查网络连接，然后重试。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The database is busy. Wait a moment, then try again.</source>
        <translation>数据库正忙。请稍候片刻，然后重试。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The database is read-only at the moment, so nothing can be saved. Tell your administrator.</source>
        <translation>数据库目前为只读状态，无法保存任何内容。请联系管理员。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The database server&apos;s disk is full. Tell your administrator.</source>
        <translation>数据库服务器的磁盘已满。请联系管理员。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The database cannot be used. Try again.</source>
        <translation>数据库暂时无法使用。请重试。</translation>
    </message>
</context>
<context>
    <name>QueueArea</name>
    <message>
        <location filename="../../ui/queue_area.py" line="+36"/>
        <source>Open tickets</source>
        <translation>未结工单</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Follow-up calls ({count})</source>
        <translation>回访（{count}）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Follow-up calls</source>
        <translation>回访</translation>
    </message>
</context>
<context>
    <name>QueuePage</name>
    <message>
        <location filename="../../ui/queue_page.py" line="+595"/>
        <source>Showing the {shown} most urgent of {total} tickets.</source>
        <translation>显示最紧急的 {shown} 张工单（共 {total} 张）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Tickets: {count}</source>
        <translation>工单：{count} 张</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{count} open</source>
        <translation>未关闭 {count}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unassigned {count}</source>
        <translation>未分派 {count}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>at risk {count}</source>
        <translation>有风险 {count}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>breached {count}</source>
        <translation>已超时 {count}</translation>
    </message>
    <message>
        <location line="+34"/>
        <location line="+45"/>
        <source>All queues</source>
        <translation>全部队列</translation>
    </message>
    <message>
        <location line="-42"/>
        <source>No queue</source>
        <translation>未分配队列</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Queue</source>
        <translation>队列</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>&amp;Show:</source>
        <translation>显示(&amp;S)：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Assignee</source>
        <translation>处理人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer tier</source>
        <translation>客户等级</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>All regions</source>
        <translation>全部区域</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All open statuses</source>
        <translation>全部未关闭状态</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Any priority</source>
        <translation>任意优先级</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Any assignee</source>
        <translation>任意处理人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mine</source>
        <translation>我的</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unassigned</source>
        <translation>未分派</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Any tier</source>
        <translation>任意等级</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No tickets match the filter.</source>
        <translation>没有符合筛选条件的工单。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tickets in the queue</source>
        <translation>队列中的工单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Filter the queue</source>
        <translation>筛选队列</translation>
    </message>
</context>
<context>
    <name>QueueTableModel</name>
    <message>
        <location filename="../../ui/queue_model.py" line="+86"/>
        <source>&lt; 1 min</source>
        <translation>&lt; 1分钟</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{d} d {h} h</source>
        <translation>{d}天{h}小时</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{h} h {m} min</source>
        <translation>{h}小时{m}分钟</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{m} min</source>
        <translation>{m}分钟</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>On track</source>
        <translation>正常</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>At risk</source>
        <translation>有风险</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Breached</source>
        <translation>已超时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <location line="+82"/>
        <source>Ticket</source>
        <translation>工单</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Model</source>
        <translation>型号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Queue</source>
        <translation>队列</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Assignee</source>
        <translation>处理人</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reported</source>
        <translation>报修时间</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Time left</source>
        <translation>剩余时间</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>SLA</source>
        <translation>SLA 状态</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>{name} · {tier}</source>
        <translation>{name} · {tier}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Unassigned</source>
        <translation>未分派</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No deadline</source>
        <translation>无时限</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{time} (paused)</source>
        <translation>{time}（已暂停）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No SLA</source>
        <translation>无 SLA</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Response at risk</source>
        <translation>响应有风险</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Response overdue</source>
        <translation>响应已超时</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>First response due {at}</source>
        <translation>首次响应时限 {at}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Responded {at}</source>
        <translation>已于 {at} 响应</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Resolution due {at}</source>
        <translation>解决时限 {at}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Clock stopped {at} (waiting for the customer)</source>
        <translation>{at} 起计时暂停（等待客户）</translation>
    </message>
</context>
<context>
    <name>RegisterEquipmentDialog</name>
    <message>
        <location filename="../../ui/equipment_dialogs.py" line="+133"/>
        <source>Leave empty for the installation date plus the model&apos;s warranty months.</source>
        <translation>留空则按安装日期加该型号的保修月数计算。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Leave empty for installation + {months} months: {date}.</source>
        <translation>留空则按安装日期 + {months} 个月计算：{date}。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Register a device</source>
        <translation>登记设备</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Serial number</source>
        <translation>序列号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Model</source>
        <translation>型号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Site</source>
        <translation>站点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Installed</source>
        <translation>安装日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warranty ends</source>
        <translation>保修截止</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scan or type the serial number</source>
        <translation>扫描或输入序列号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose the model</source>
        <translation>请选择型号</translation>
    </message>
</context>
<context>
    <name>ReplaceEquipmentDialog</name>
    <message>
        <location line="-92"/>
        <source>Now: {device}</source>
        <translation>当前：{device}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Record a replacement unit</source>
        <translation>登记换机</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New serial number</source>
        <translation>新机序列号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Model</source>
        <translation>型号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Installed</source>
        <translation>安装日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scan or type the new unit&apos;s serial number</source>
        <translation>扫描或输入新机序列号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. main board failed, unit swapped</source>
        <translation>例如：主板损坏，整机更换</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Same model as the old unit</source>
        <translation>与旧机型号相同</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <location filename="../../ui/reports_page.py" line="+262"/>
        <source>Reports</source>
        <translation>报表</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last month</source>
        <translation>上月</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Report</source>
        <translation>报表</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Filters</source>
        <translation>筛选</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Customer id or phone number</source>
        <translation>客户编号或电话号码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>KPI definitions</source>
        <translation>指标定义</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>All regions</source>
        <translation>全部区域</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>All queues</source>
        <translation>全部队列</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>All product kinds</source>
        <translation>全部产品类别</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>All tiers</source>
        <translation>全部等级</translation>
    </message>
    <message>
        <location line="+57"/>
        <location line="+43"/>
        <source>The period ends before it starts.</source>
        <translation>期间的结束日期早于开始日期。</translation>
    </message>
    <message>
        <location line="-38"/>
        <source>Reading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 rows in all; the first %2 are shown.</source>
        <translation>共 %1 行；显示前 %2 行。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Export report</source>
        <translation>导出报表</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Excel (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Writing %1…</source>
        <translation>正在写入 %1…</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Written: %1 (%2 rows).</source>
        <translation>已写入：%1（%2 行）。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Export cancelled: no file was written.</source>
        <translation>导出已取消：未写入任何文件。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The folder of %1 does not exist. Choose another place.</source>
        <translation>%1 所在的文件夹不存在，请选择其他位置。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cannot write %1: no permission, or the file is open in another program.</source>
        <translation>无法写入 %1：没有权限，或该文件正被其他程序打开。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The disk is full: %1 was not written.</source>
        <translation>磁盘已满：%1 未写入。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Your role may not export reports.</source>
        <translation>您的角色无权导出报表。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Name the customer by id or phone number.</source>
        <translation>请填写客户编号或电话号码。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The report failed: %1</source>
        <translation>报表生成失败：%1</translation>
    </message>
</context>
<context>
    <name>ReservePartDialog</name>
    <message>
        <location filename="../../ui/visit_parts_panel.py" line="+104"/>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Part</source>
        <translation>备件</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Fits this device</source>
        <translation>适用本设备</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Location</source>
        <translation>库位</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Where</source>
        <translation>位置</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Available</source>
        <translation>可用</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>On hand</source>
        <translation>在库</translation>
    </message>
    <message>
        <location line="+283"/>
        <source>{location}: {available} available</source>
        <translation>{location}：可用 {available} 件</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Reserve from {location} ({kind}, {where})</source>
        <translation>从 {location} 预留（{kind}，{where}）</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Only {available} of {wanted} available at {location}.</source>
        <translation>{location} 仅有 {available} 件可用，需要 {wanted} 件。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>In stock at (click to choose):</source>
        <translation>以下库位有货（点击选择）：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No other location has it in stock.</source>
        <translation>其他库位均无此备件。</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Parts that fit {model} come first.</source>
        <translation>适用于 {model} 的备件排在前面。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The visit names no device: all parts are shown.</source>
        <translation>该上门服务未指定设备：显示全部备件。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reserve a part for the visit</source>
        <translation>为上门服务预留备件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Find part:</source>
        <translation>查找备件(&amp;F)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Code or name</source>
        <translation>代码或名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stock by location, nearest first:</source>
        <translation>各库位库存（由近及远）：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Quantity:</source>
        <translation>数量(&amp;Q)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Reserve</source>
        <translation>预留(&amp;R)</translation>
    </message>
</context>
<context>
    <name>Roles</name>
    <message>
        <location filename="../../ui/roles.py" line="+12"/>
        <source>Agent</source>
        <translation>客服</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Engineer</source>
        <translation>工程师</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Supervisor</source>
        <translation>主管</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>log calls and edit customers</source>
        <translation>受理来电和编辑客户</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>work on tickets</source>
        <translation>处理工单</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>record engineer visits</source>
        <translation>记录工程师上门服务</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>assign or reassign tickets</source>
        <translation>分派或改派工单</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>see the dashboards</source>
        <translation>查看看板</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>export reports</source>
        <translation>导出报表</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>administer the centre</source>
        <translation>管理服务中心</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Refused: a user with the role {role} may not {action}.</source>
        <translation>已拒绝：角色为“{role}”的用户不能{action}。</translation>
    </message>
</context>
<context>
    <name>ScheduleActions</name>
    <message>
        <location filename="../../ui/schedule_actions.py" line="+98"/>
        <source>Visit booked for the new time.</source>
        <translation>已按新时间预约上门。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Book anyway?</source>
        <translation>仍要预约？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This time needs a second look:</source>
        <translation>此时间需要再确认：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Book it anyway?</source>
        <translation>仍要预约吗？</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Not booked</source>
        <translation>未预约</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The visit cannot go there:</source>
        <translation>上门不能安排在此处：</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Another desk changed this visit just now: the schedule shows it.</source>
        <translation>其他工作台刚刚修改了此上门，排程已显示最新情况。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The visit was not changed: an internal error was logged.</source>
        <translation>上门未修改：内部错误已记录。</translation>
    </message>
</context>
<context>
    <name>ScheduleLegend</name>
    <message>
        <location filename="../../ui/schedule_legend.py" line="+33"/>
        <source>Late</source>
        <translation>延误</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Absent</source>
        <translation>不在岗</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Off hours</source>
        <translation>非工作时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Being moved</source>
        <translation>改期中</translation>
    </message>
</context>
<context>
    <name>SchedulePage</name>
    <message>
        <location filename="../../ui/schedule_page.py" line="+330"/>
        <source>To schedule ({count})</source>
        <translation>待排期（{count}）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No engineers to show for this choice.</source>
        <translation>此筛选条件下没有工程师。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The schedule could not be read: {error}</source>
        <translation>无法读取排班：{error}</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>All regions</source>
        <translation>全部区域</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>All engineers</source>
        <translation>全部工程师</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Book…</source>
        <translation>预约…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cancel visit…</source>
        <translation>取消上门…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Earlier</source>
        <translation>向前</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Later</source>
        <translation>向后</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Week</source>
        <translation>周</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Day</source>
        <translation>日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Region:</source>
        <translation>区域(&amp;R)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Engineer:</source>
        <translation>工程师(&amp;E)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Engi&amp;neers…</source>
        <translation>工程师(&amp;N)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Engineers&apos; base, working hours and absences (leave, training)</source>
        <translation>工程师的驻地、工作时间和缺勤（休假、培训）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Drag a visit onto an engineer&apos;s row to book it.</source>
        <translation>将上门任务拖到工程师所在行即可预约。</translation>
    </message>
</context>
<context>
    <name>ScheduleWords</name>
    <message>
        <location filename="../../ui/schedule_words.py" line="+24"/>
        <source>Leave</source>
        <translation>休假</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Course</source>
        <translation>参加培训</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sick</source>
        <translation>病假</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Away</source>
        <translation>外出</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Late: booked after the delivery date {day}.</source>
        <translation>延误：预约日期晚于交付日期 {day}。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Late: ends after the ticket&apos;s resolution deadline {deadline}.</source>
        <translation>延误：结束时间晚于工单解决期限 {deadline}。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{kind} ({status})</source>
        <translation>{kind}（{status}）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Engineer: {name}</source>
        <translation>工程师：{name}</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+94"/>
        <source>Customer: {name}</source>
        <translation>客户：{name}</translation>
    </message>
    <message>
        <location line="-88"/>
        <source>Site: {site}</source>
        <translation>地点：{site}</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+91"/>
        <source>Device: {device}</source>
        <translation>设备：{device}</translation>
    </message>
    <message>
        <location line="-87"/>
        <source>Priority: {priority}</source>
        <translation>优先级：{priority}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Ticket: {number}</source>
        <translation>工单：{number}</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+79"/>
        <source>Due: {day}</source>
        <translation>应完成日期：{day}</translation>
    </message>
    <message>
        <location line="-54"/>
        <source>Region: {region}</source>
        <translation>区域：{region}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Base: {city}</source>
        <translation>常驻：{city}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Works {hours} on {days}</source>
        <translation>工作时间 {hours}，{days}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Skills: {skills}</source>
        <translation>技能：{skills}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No longer active.</source>
        <translation>已停用。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Mon</source>
        <translation>周一</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tue</source>
        <translation>周二</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wed</source>
        <translation>周三</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Thu</source>
        <translation>周四</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fri</source>
        <translation>周五</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sat</source>
        <translation>周六</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sun</source>
        <translation>周日</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Overdue.</source>
        <translation>已逾期。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Drag it onto an engineer&apos;s row to book it ({minutes} min).</source>
        <translation>拖到工程师所在行即可预约（{minutes} 分钟）。</translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message>
        <location filename="../../ui/search_panel.py" line="+354"/>
        <source>Phone, name, pinyin, company, serial or ticket number  (Ctrl+K)</source>
        <translation>电话、姓名、拼音、公司、序列号或工单号  (Ctrl+K)</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>The search could not run. Try again.</source>
        <translation>搜索未能执行，请重试。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No match for “{query}”</source>
        <translation>没有与“{query}”匹配的结果</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>1 match · Enter opens it</source>
        <translation>找到 1 条 · 按回车打开</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{count} matches · ↓ to choose, Enter to open</source>
        <translation>找到 {count} 条 · 按 ↓ 选择，回车打开</translation>
    </message>
</context>
<context>
    <name>SearchResultsModel</name>
    <message>
        <location line="-292"/>
        <source>Name or number</source>
        <translation>名称或编号</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Found by</source>
        <translation>匹配方式</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>{how}: {text}</source>
        <translation>{how}：{text}</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>{group} ({count})</source>
        <translation>{group} ({count})</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contacts</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Equipment</source>
        <translation>设备</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tickets</source>
        <translation>工单</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last digits</source>
        <translation>尾号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pinyin</source>
        <translation>拼音</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Company name</source>
        <translation>公司名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Serial number</source>
        <translation>序列号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ticket number</source>
        <translation>工单号</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>VIP</source>
        <translation>VIP</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Key</source>
        <translation>重点</translation>
    </message>
</context>
<context>
    <name>SettingsTab</name>
    <message>
        <location filename="../../ui/admin_settings.py" line="+71"/>
        <source>(set by the centre)</source>
        <translation>（中心已设置）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>(default)</source>
        <translation>（默认值）</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Nothing to save.</source>
        <translation>没有需要保存的修改。</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Saved: {settings}.</source>
        <translation>已保存：{settings}。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not saved: see the marked fields.</source>
        <translation>未保存：请查看标出的字段。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Settings every desk shares</source>
        <translation>所有工作台共用的设置</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Amounts are in the centre&apos;s currency. A change is used by every desk from then on and is on the audit trail.</source>
        <translation>金额以服务中心的币种计。修改后所有工作台立即使用，并记入审计日志。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Save settings</source>
        <translation>保存设置(&amp;S)</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../ui/sign_in.py" line="+177"/>
        <source>Sign in — Service Desk Workstation</source>
        <translation>登录 — 售后服务工作站</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Service Desk Workstation</source>
        <translation>售后服务工作站</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign in to start work.</source>
        <translation>登录后开始工作。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;User name:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Opening the database…</source>
        <translation>正在打开数据库…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Database: {label}</source>
        <translation>数据库：{label}</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Enter your user name.</source>
        <translation>请输入用户名。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Enter your password.</source>
        <translation>请输入密码。</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>The user name or password is not correct.</source>
        <translation>用户名或密码不正确。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Signing in failed because of an internal error. The details are in the log.</source>
        <translation>因程序内部错误，登录失败。详细信息已记入日志。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Signing in…</source>
        <translation>正在登录…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
</context>
<context>
    <name>SimilarFaultsPanel</name>
    <message>
        <location filename="../../ui/similar_faults.py" line="+146"/>
        <source>Similar resolved faults</source>
        <translation>相似的已解决故障</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Choose the model and give the error code or symptom to see past fixes.</source>
        <translation>选择型号并填写错误代码或故障现象，即可查看以往的解决方案。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No resolved fault of this model matches yet.</source>
        <translation>该型号暂无匹配的已解决故障。</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>&amp;Use this solution</source>
        <translation>采用此方案(&amp;U)</translation>
    </message>
</context>
<context>
    <name>SiteDialog</name>
    <message>
        <location filename="../../ui/customer_dialogs.py" line="+832"/>
        <source>Edit site</source>
        <translation>编辑站点</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New site</source>
        <translation>新建站点</translation>
    </message>
</context>
<context>
    <name>SlaTab</name>
    <message>
        <location filename="../../ui/admin_sla.py" line="+177"/>
        <source>New SLA plan</source>
        <translation>新 SLA 方案</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>SLA plan {name}</source>
        <translation>SLA 方案 {name}</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>SLA plan {name} saved.</source>
        <translation>已保存 SLA 方案 {name}。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Priority matrix saved.</source>
        <translation>已保存优先级矩阵。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Changes apply to tickets logged from now on (other desks within a minute); tickets already logged keep their deadlines.</source>
        <translation>修改只影响此后登记的工单（其他工作台一分钟内生效）；已登记的工单保持原截止时间。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;New plan</source>
        <translation>新建方案(&amp;N)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Calendar:</source>
        <translation>日历(&amp;C)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>At &amp;risk at:</source>
        <translation>风险阈值(&amp;R)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Default plan:</source>
        <translation>默认方案(&amp;D)：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>for customers without a contract</source>
        <translation>用于无合同的客户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Response (working minutes)</source>
        <translation>响应（工作分钟）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resolution (working minutes)</source>
        <translation>解决（工作分钟）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Save plan</source>
        <translation>保存方案(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Priority matrix: severity × customer tier</source>
        <translation>优先级矩阵：严重程度 × 客户等级</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Save &amp;matrix</source>
        <translation>保存矩阵(&amp;M)</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <location filename="../../ui/app.py" line="+93"/>
        <location filename="../../ui/first_start.py" line="+34"/>
        <source>Service Desk Workstation</source>
        <translation>售后服务工作站</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The demo data could not be loaded: {error}</source>
        <translation>无法加载演示数据：{error}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The database is not available yet; trying again.</source>
        <translation>数据库暂时无法访问，正在重试。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The database could not be opened because of an internal error: {error}</source>
        <translation>由于内部错误，无法打开数据库：{error}</translation>
    </message>
    <message>
        <location filename="../../ui/first_start.py" line="+2"/>
        <source>First start: preparing a demo database with {count} customers…</source>
        <translation>首次启动：正在准备包含 {count} 个客户的演示数据库…</translation>
    </message>
</context>
<context>
    <name>StockBox</name>
    <message>
        <location filename="../../ui/admin_stock.py" line="+137"/>
        <source>Received {quantity} × {part} at {location}.</source>
        <translation>{location} 已入库 {quantity} × {part}。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Adjusted {part} at {location} by {delta}.</source>
        <translation>{location} 的 {part} 已调整 {delta}。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Moved {quantity} × {part} to {target}.</source>
        <translation>已将 {quantity} × {part} 调拨至 {target}。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Not moved. In stock elsewhere: {places}.</source>
        <translation>未调拨。其他库位有货：{places}。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not moved.</source>
        <translation>未调拨。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Stock — choose a location</source>
        <translation>库存 — 请选择库位</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stock at {location}</source>
        <translation>{location} 的库存</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>P&amp;art:</source>
        <translation>备件(&amp;A)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Quantity:</source>
        <translation>数量(&amp;Q)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;To location:</source>
        <translation>调入库位(&amp;T)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rea&amp;son:</source>
        <translation>原因(&amp;S)：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Receive and transfer take a positive quantity; adjust adds or takes away (a negative quantity) and needs a reason. Reserved units stay.</source>
        <translation>入库和调拨填正数；调整可增可减（减少填负数），须填写原因。已预留的件数不受影响。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Re&amp;ceive</source>
        <translation>入库(&amp;C)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ad&amp;just</source>
        <translation>调整(&amp;J)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trans&amp;fer</source>
        <translation>调拨(&amp;F)</translation>
    </message>
</context>
<context>
    <name>TicketView</name>
    <message>
        <location filename="../../ui/ticket_view.py" line="-103"/>
        <source>On track</source>
        <translation>正常</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>At risk</source>
        <translation>临近超时</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Breached</source>
        <translation>已超时</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location line="+337"/>
        <location line="+10"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <location line="-1"/>
        <location line="+758"/>
        <source>Resolve by</source>
        <translation>解决时限</translation>
    </message>
    <message>
        <location line="-777"/>
        <source>System</source>
        <translation>系统</translation>
    </message>
    <message>
        <location line="+88"/>
        <source>The ticket could not be read: the database did not answer.</source>
        <translation>无法读取工单：数据库没有响应。</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>{number} — {customer}</source>
        <translation>{number} — {customer}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Complaint about {number}</source>
        <translation>针对 {number} 的投诉</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>{time} left when resumed</source>
        <translation>恢复后剩余 {time}</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>unassigned</source>
        <translation>未分派</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>(met at {time})</source>
        <translation>（已于 {time} 达成）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(late: {time})</source>
        <translation>（延迟：{time}）</translation>
    </message>
    <message>
        <location line="+590"/>
        <source>Ticket</source>
        <translation>工单</translation>
    </message>
    <message>
        <location line="-566"/>
        <source>Reassign…</source>
        <translation>重新分派…</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+577"/>
        <source>Assign…</source>
        <translation>分派…</translation>
    </message>
    <message>
        <location line="-561"/>
        <source>paused {time} of working time</source>
        <translation>暂停工作时间 {time}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>in time</source>
        <translation>按时</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>late</source>
        <translation>超时</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>nobody was warned</source>
        <translation>未发出预警</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Where the working time went: {parts}</source>
        <translation>工作时间分布：{parts}</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Choose…</source>
        <translation>请选择…</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>(not classified)</source>
        <translation>（未分类）</translation>
    </message>
    <message>
        <location line="+79"/>
        <location line="+86"/>
        <location line="+62"/>
        <location line="+56"/>
        <location line="+41"/>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <location line="-229"/>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Your edits were discarded; this is the ticket now.</source>
        <translation>您的修改已放弃；这是工单的最新内容。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Reopen {number}</source>
        <translation>重新打开 {number}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Why is the ticket reopened?</source>
        <translation>为什么要重新打开此工单？</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>{number} is now {status}.</source>
        <translation>{number} 现在的状态：{status}。</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>Visit booked: {engineer}, {time}.</source>
        <translation>已预约上门：{engineer}，{time}。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Booked despite warnings.</source>
        <translation>已忽略警告预约。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Escalate {number}</source>
        <translation>升级 {number}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The ticket goes to the second-line queue. What should they know?</source>
        <translation>工单将转到二线队列。需要告诉二线什么？</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Priority and SLA plan of {number}</source>
        <translation>{number} 的优先级和 SLA 方案</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The deadlines are worked out again from the working time already used (paused time not counted). Why the change?</source>
        <translation>将按已用的工作时间（不含暂停时间）重新计算时限。修改原因？</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+132"/>
        <source>SLA plan</source>
        <translation>SLA 方案</translation>
    </message>
    <message>
        <location line="-76"/>
        <source>A ticket that is {old} cannot become {new}.</source>
        <translation>状态为「{old}」的工单不能变为「{new}」。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Not saved: the database did not answer. Nothing typed is lost; try again.</source>
        <translation>未保存：数据库没有响应。已输入的内容不会丢失，请重试。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not saved: {reason}</source>
        <translation>未保存：{reason}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Please correct the marked fields.</source>
        <translation>请更正标记的字段。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{field}: {old} → {new}</source>
        <translation>{field}：{old} → {new}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{who} changed this ticket since you opened it:</source>
        <translation>您打开此工单后，{who} 修改了它：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Another desk changed this ticket since you opened it:</source>
        <translation>您打开此工单后，另一个坐席修改了它：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing was saved. The form shows your edits on top of their change.</source>
        <translation>尚未保存。表单中显示的是在对方修改基础上加上您的修改。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Not saved: the ticket changed on another desk.</source>
        <translation>未保存：工单已在另一个坐席被修改。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Symptom</source>
        <translation>故障现象</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reported</source>
        <translation>报修时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Queue</source>
        <translation>队列</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Assignee</source>
        <translation>处理人</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Respond by</source>
        <translation>响应时限</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Fault details</source>
        <translation>故障详情</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Resolution</source>
        <translation>解决方案</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save changes</source>
        <translation>保存修改</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the fault details (Ctrl+S)</source>
        <translation>保存故障详情（Ctrl+S）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resolve ticket</source>
        <translation>解决工单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Escalate…</source>
        <translation>升级…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Book visit…</source>
        <translation>预约上门…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Book an engineer&apos;s visit: suggested engineers and slots</source>
        <translation>预约工程师上门：推荐工程师和时段</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Priority / SLA…</source>
        <translation>优先级 / SLA…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open customer</source>
        <translation>打开客户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Apply my edits to this version</source>
        <translation>将我的修改应用到此版本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Discard my edits</source>
        <translation>放弃我的修改</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Timeline</source>
        <translation>时间线</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SLA timeline</source>
        <translation>SLA 时间线</translation>
    </message>
</context>
<context>
    <name>TicketWords</name>
    <message>
        <location filename="../../ui/ticket_words.py" line="+23"/>
        <source>Assign…</source>
        <translation>分派…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Resume work</source>
        <translation>恢复处理</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start work</source>
        <translation>开始处理</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Wait for customer</source>
        <translation>等待客户</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Wait for parts</source>
        <translation>等待备件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Resolve…</source>
        <translation>解决…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reopen…</source>
        <translation>重新打开…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{d} d {h} h</source>
        <translation>{d} 天 {h} 小时</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{h} h {m:02d} min</source>
        <translation>{h} 小时 {m:02d} 分</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{m} min</source>
        <translation>{m} 分钟</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>overdue {time}</source>
        <translation>已超时 {time}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{time} left</source>
        <translation>剩余 {time}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>response</source>
        <translation>响应</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>resolution</source>
        <translation>解决</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Clock started</source>
        <translation>开始计时</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Clock paused</source>
        <translation>暂停计时</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Clock resumed</source>
        <translation>恢复计时</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Priority changed</source>
        <translation>优先级变更</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>SLA plan changed</source>
        <translation>SLA 方案变更</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>First response</source>
        <translation>首次响应</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>At risk ({deadline})</source>
        <translation>临近超时（{deadline}）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Breached ({deadline})</source>
        <translation>已超时（{deadline}）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+107"/>
        <source>Reopened</source>
        <translation>已重新打开</translation>
    </message>
    <message>
        <location line="-100"/>
        <source>waiting for the customer</source>
        <translation>等待客户</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>resolved until reopened</source>
        <translation>已解决至重新打开</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>Taken from the queue</source>
        <translation>从队列领取</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Assigned to {name}</source>
        <translation>分派给 {name}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Status: {old} → {new}</source>
        <translation>状态：{old} → {new}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Resolved: {type}</source>
        <translation>已解决：{type}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>SLA clock paused ({reason})</source>
        <translation>SLA 暂停计时（{reason}）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>SLA clock resumed</source>
        <translation>SLA 恢复计时</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Breach escalated to the supervisors</source>
        <translation>超时已升级给主管</translation>
    </message>
    <message>
        <location line="-128"/>
        <source>Response deadline</source>
        <translation>响应时限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resolution deadline</source>
        <translation>解决时限</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{line}: {text}</source>
        <translation>{line}：{text}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{field} {old} → {new}</source>
        <translation>{field} {old} → {new}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Details edited: {fields}</source>
        <translation>修改了：{fields}</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Complaint about {number} logged</source>
        <translation>已登记关于 {number} 的投诉</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Ticket logged</source>
        <translation>工单已登记</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>({priority})</source>
        <translation>（{priority}）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>repeat of {number}</source>
        <translation>与 {number} 重复报修</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Reassigned to {name}</source>
        <translation>改派给 {name}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>(first response)</source>
        <translation>（首次响应）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Resolved on the first call: {type}</source>
        <translation>首次来电即解决：{type}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Reopened after the follow-up call</source>
        <translation>回访后重新打开</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>SLA clock resumed after {time} of working time</source>
        <translation>SLA 恢复计时（已暂停工作时间 {time}）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Priority {old} → {new}</source>
        <translation>优先级 {old} → {new}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>SLA plan {old} → {new}</source>
        <translation>SLA 方案 {old} → {new}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Escalated to {queue}</source>
        <translation>已升级至 {queue}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Escalated to second line</source>
        <translation>已升级至二线</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{deadline} at risk (due {time})</source>
        <translation>{deadline}临近超时（到期 {time}）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{deadline} at risk</source>
        <translation>{deadline}临近超时</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{deadline} breached (was due {time})</source>
        <translation>{deadline}已超时（原定 {time}）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{deadline} breached</source>
        <translation>{deadline}已超时</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Follow-up call: satisfaction {score}/5</source>
        <translation>回访：满意度 {score}/5</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>fix confirmed</source>
        <translation>确认已修复</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the fault is back</source>
        <translation>故障复现</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Follow-up call: customer not reached</source>
        <translation>回访：未联系上客户</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Complaint {number} opened</source>
        <translation>已登记投诉 {number}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The customer called again</source>
        <translation>客户再次来电</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Note: {text}</source>
        <translation>备注：{text}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Visit {visit} by {engineer}: {result}, total {total}</source>
        <translation>上门服务 {visit}（{engineer}）：{result}，合计 {total}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>new unit {serial}</source>
        <translation>新设备 {serial}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>confirmed by {name}</source>
        <translation>确认人 {name}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Description</source>
        <translation>故障描述</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Error code</source>
        <translation>错误代码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Symptom</source>
        <translation>故障现象</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Urgency</source>
        <translation>紧急程度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resolution</source>
        <translation>解决方式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Root cause</source>
        <translation>根本原因</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Solution</source>
        <translation>解决办法</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Assignee</source>
        <translation>处理人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Queue</source>
        <translation>队列</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SLA plan</source>
        <translation>SLA 方案</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>There is no second-line queue to escalate to.</source>
        <translation>没有可以升级到的二线队列。</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>The ticket is {status}: it cannot be changed this way.</source>
        <translation>工单状态为「{status}」：不能这样修改。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This user is deactivated.</source>
        <translation>该用户已停用。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This user&apos;s role does not work tickets.</source>
        <translation>该用户的角色不处理工单。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No such user.</source>
        <translation>没有此用户。</translation>
    </message>
</context>
<context>
    <name>TilesPanel</name>
    <message>
        <location filename="../../ui/dashboard_tiles.py" line="-45"/>
        <source>Open tickets</source>
        <translation>未结工单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unassigned</source>
        <translation>未分配</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>At risk</source>
        <translation>即将超时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SLA breached</source>
        <translation>SLA 已超时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Oldest open ticket waiting</source>
        <translation>最久未结工单已等待</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open {priority}</source>
        <translation>未结 {priority}</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Reported {when}</source>
        <translation>报障于 {when}</translation>
    </message>
</context>
<context>
    <name>ToScheduleModel</name>
    <message>
        <location filename="../../ui/to_schedule_model.py" line="+27"/>
        <source>Due</source>
        <translation>应完成</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
</context>
<context>
    <name>UsersTab</name>
    <message>
        <location filename="../../ui/admin_users.py" line="+113"/>
        <location line="+183"/>
        <source>(no region)</source>
        <translation>（无区域）</translation>
    </message>
    <message>
        <location line="-87"/>
        <source>&amp;Reactivate</source>
        <translation>重新启用(&amp;R)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Deactivate</source>
        <translation>停用(&amp;D)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>New user</source>
        <translation>新用户</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>User {name}</source>
        <translation>用户 {name}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Initial &amp;password:</source>
        <translation>初始密码(&amp;P)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New &amp;password:</source>
        <translation>新密码(&amp;P)：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>At least 8 characters. Tell the user to change it.</source>
        <translation>至少 8 个字符。请提醒用户自行修改。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Only for a reset: type a new password, then press Reset password.</source>
        <translation>仅用于重置：输入新密码，然后点击“重置密码”。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>User {name} created.</source>
        <translation>已创建用户 {name}。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>User {name} saved.</source>
        <translation>已保存用户 {name}。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>User {name} reactivated: they can sign in again.</source>
        <translation>已重新启用用户 {name}：该用户可以再次登录。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>User {name} deactivated: they can no longer sign in.</source>
        <translation>已停用用户 {name}：该用户不能再登录。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Password of {name} reset.</source>
        <translation>已重置 {name} 的密码。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;New user</source>
        <translation>新建用户(&amp;N)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reset pass&amp;word</source>
        <translation>重置密码(&amp;W)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;User name:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Name:</source>
        <translation>姓名(&amp;N)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>R&amp;ole:</source>
        <translation>角色(&amp;O)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;gion:</source>
        <translation>区域(&amp;G)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>S&amp;kills:</source>
        <translation>技能(&amp;K)：</translation>
    </message>
</context>
<context>
    <name>VisitDialog</name>
    <message>
        <location filename="../../ui/visit_dialogs.py" line="-108"/>
        <source>This visit no longer exists.</source>
        <translation>该上门服务已不存在。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>These are warnings: choose another time, or tick the box to book it anyway.</source>
        <translation>以上是警告：请选择其他时间，或勾选“仍然预约”后再次预约。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Now: {time} with {engineer} ({status}).</source>
        <translation>当前：{time}，{engineer}（{status}）。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Book anyway: I accept these warnings</source>
        <translation>仍然预约：我接受这些警告</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Engineer</source>
        <translation>工程师</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>min</source>
        <translation>分钟</translation>
    </message>
</context>
<context>
    <name>VisitPartsPanel</name>
    <message>
        <location filename="../../ui/visit_parts_panel.py" line="-419"/>
        <source>Part</source>
        <translation>备件</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Location</source>
        <translation>库位</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Qty</source>
        <translation>数量</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Removed → fitted serial</source>
        <translation>拆下 → 装上序列号</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reserved</source>
        <translation>预留</translation>
    </message>
    <message>
        <location line="+532"/>
        <source>Reserved {quantity} × {part} at {location}.</source>
        <translation>已在 {location} 预留 {quantity} × {part}。</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Returned {quantity} × {part} to {location}.</source>
        <translation>已将 {quantity} × {part} 退回 {location}。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Parts</source>
        <translation>备件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reserve &amp;part…</source>
        <translation>预留备件(&amp;P)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;turn</source>
        <translation>退回(&amp;T)</translation>
    </message>
</context>
<context>
    <name>VisitWindow</name>
    <message>
        <location filename="../../ui/visit_window.py" line="+357"/>
        <source>Visit {number}</source>
        <translation>上门服务 {number}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Installed {day}</source>
        <translation>安装于 {day}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Warranty until {day} ({state})</source>
        <translation>保修至 {day}（{state}）</translation>
    </message>
    <message>
        <location line="+76"/>
        <source>{minutes} min × {rate} per hour = {amount}</source>
        <translation>{minutes} 分钟 × 每小时 {rate} = {amount}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{km} km × {rate} per km = {amount}</source>
        <translation>{km} 公里 × 每公里 {rate} = {amount}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{amount} (urgent visit)</source>
        <translation>{amount}（加急上门）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{amount} (not urgent)</source>
        <translation>{amount}（非加急）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{amount} (charged apart from the service)</source>
        <translation>{amount}（与服务费分开计费）</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Used parts: a whole number from 0 to the number reserved.</source>
        <translation>已使用备件数量：须为 0 到预留数量之间的整数。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Sheet saved: total {total}. Ticket {number} is resolved.</source>
        <translation>服务报告已保存：合计 {total}。工单 {number} 已解决。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sheet saved: total {total}. Ticket {number} stays open.</source>
        <translation>服务报告已保存：合计 {total}。工单 {number} 仍在处理中。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sheet saved: total {total}.</source>
        <translation>服务报告已保存：合计 {total}。</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Parts, line {line}:</source>
        <translation>备件第 {line} 行：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Not saved: please correct the marked fields.</source>
        <translation>未保存：请更正标出的字段。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>it is now {status}</source>
        <translation>现在状态为{status}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>booked for {time}</source>
        <translation>预约时间改为 {time}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>engineer {name}</source>
        <translation>工程师为 {name}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not saved: another desk changed this visit since you opened it.</source>
        <translation>未保存：您打开后，另一个座席修改了这次上门服务。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Your entries are kept: check them and save again.</source>
        <translation>您填写的内容已保留：请核对后再次保存。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Not saved: the database did not answer. Nothing typed is lost.</source>
        <translation>未保存：数据库没有响应。已填写的内容不会丢失。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>There is no such visit.</source>
        <translation>没有这次上门服务。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not saved: {reason}</source>
        <translation>未保存：{reason}</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Save the service sheet</source>
        <translation>保存服务报告单</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+24"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location line="-16"/>
        <location line="+34"/>
        <source>Could not write {path}: {reason}</source>
        <translation>无法写入 {path}：{reason}</translation>
    </message>
    <message>
        <location line="-31"/>
        <source>Service sheet saved to {path}.</source>
        <translation>服务报告单已保存到 {path}。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Save the passport label</source>
        <translation>保存设备档案标签</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Passport label saved to {path}.</source>
        <translation>设备档案标签已保存到 {path}。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Site</source>
        <translation>地点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Engineer</source>
        <translation>工程师</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Booked</source>
        <translation>预约时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ticket</source>
        <translation>工单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fault</source>
        <translation>故障</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Checklist</source>
        <translation>检查项目</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Arrived</source>
        <translation>到达时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Departed</source>
        <translation>离开时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Work done</source>
        <translation>维修内容</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Result</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Advice given</source>
        <translation>使用建议</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cause found</source>
        <translation>故障原因</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New unit&apos;s serial</source>
        <translation>新设备序列号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Travel (there and back)</source>
        <translation>路程（往返）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Confirmed by (customer)</source>
        <translation>客户确认人</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>What was found and done on site</source>
        <translation>现场发现的问题和所做的工作</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What the customer was advised (required for misuse)</source>
        <translation>给客户的建议（使用不当时必填）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Why the fault happened (for the ticket)</source>
        <translation>故障发生的原因（写入工单）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Serial of the replacement unit, if known</source>
        <translation>更换后新设备的序列号（如已知）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name of the customer&apos;s person who confirmed</source>
        <translation>客户方确认人的姓名</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>— choose —</source>
        <translation>— 请选择 —</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+22"/>
        <source>Visit</source>
        <translation>上门服务</translation>
    </message>
    <message>
        <location line="-21"/>
        <source>Service sheet</source>
        <translation>服务报告</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cost (at the centre&apos;s rates)</source>
        <translation>费用（按中心费率）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Labour</source>
        <translation>人工费</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Travel</source>
        <translation>交通费</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Urgency surcharge</source>
        <translation>加急费</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Parts</source>
        <translation>备件</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Used at this visit (saved with the sheet; reserved parts used 0 times go back to stock):</source>
        <translation>本次上门使用（随服务报告保存；使用数量为 0 的预留备件退回库存）：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Save sheet</source>
        <translation>保存报告(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Print service sheet…</source>
        <translation>打印服务报告单(&amp;P)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Passport &amp;label…</source>
        <translation>设备标签(&amp;L)…</translation>
    </message>
</context>
<context>
    <name>VisitWords</name>
    <message>
        <location filename="../../ui/visit_words.py" line="+21"/>
        <source>Repair</source>
        <translation>维修</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Installation</source>
        <translation>安装调试</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Preventive maintenance</source>
        <translation>定期保养</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Inspection</source>
        <translation>巡检</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+83"/>
        <source>Training</source>
        <translation>培训</translation>
    </message>
    <message>
        <location line="-76"/>
        <source>To schedule</source>
        <translation>待排期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Booked</source>
        <translation>已预约</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Fixed</source>
        <translation>已修复</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Another visit needed</source>
        <translation>需再次上门</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unit replaced</source>
        <translation>已更换整机</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No fault found</source>
        <translation>未发现故障</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer misuse</source>
        <translation>客户使用不当</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Departure must be after arrival.</source>
        <translation>离开时间必须晚于到达时间。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>More than {hours} hours on site: check the dates (longer work is several visits).</source>
        <translation>现场超过 {hours} 小时：请检查日期（更长的工作请分多次上门记录）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This time is in the future.</source>
        <translation>这个时间在未来。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cannot be negative.</source>
        <translation>不能为负数。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>At most {max}.</source>
        <translation>最多 {max}。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>At most {decimals} decimal place.</source>
        <translation>最多 {decimals} 位小数。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not a number.</source>
        <translation>不是数字。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Only for a visit whose result is “Unit replaced”.</source>
        <translation>仅用于处理结果为“已更换整机”的上门服务。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This visit has no device to replace.</source>
        <translation>这次上门服务没有可更换的设备。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The device was changed on another desk: open the visit again.</source>
        <translation>另一个座席修改了该设备：请重新打开这次上门服务。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The device was already replaced or retired.</source>
        <translation>该设备已被更换或已报废。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The visit is not booked yet: there is no sheet to record.</source>
        <translation>这次上门服务尚未预约：没有可填写的服务报告。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The visit was cancelled.</source>
        <translation>这次上门服务已取消。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The sheet of this visit was already recorded.</source>
        <translation>这次上门服务的报告已经填写过了。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Leave</source>
        <translation>休假</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sick</source>
        <translation>病假</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Mon</source>
        <translation>周一</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tue</source>
        <translation>周二</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wed</source>
        <translation>周三</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Thu</source>
        <translation>周四</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fri</source>
        <translation>周五</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sat</source>
        <translation>周六</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sun</source>
        <translation>周日</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Already booked then: {customer}, {time}.</source>
        <translation>该时段已有预约：{customer}，{time}。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Another desk has just booked the engineer then.</source>
        <translation>其他坐席刚刚预约了该工程师的这个时段。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Outside the engineer&apos;s working hours ({start}–{end}).</source>
        <translation>超出工程师的工作时间（{start}–{end}）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not one of the engineer&apos;s working days ({days}).</source>
        <translation>不是工程师的工作日（{days}）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The engineer is away then ({kind}, {time}).</source>
        <translation>工程师该时段不在岗（{kind}，{time}）。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Too little time to drive on to the next visit ({customer}, about {km} km): {needed} min needed, {left} min left.</source>
        <translation>赶往下一次上门（{customer}，约 {km} 公里）的时间不够：需要 {needed} 分钟，只剩 {left} 分钟。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Too little time to drive from the previous visit ({customer}, about {km} km): {needed} min needed, {left} min left.</source>
        <translation>从上一次上门（{customer}，约 {km} 公里）赶来的时间不够：需要 {needed} 分钟，只剩 {left} 分钟。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>This time has already passed.</source>
        <translation>该时间已经过去。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A visit must end after it starts and last at most a day.</source>
        <translation>上门服务的结束时间必须晚于开始时间，且不超过一天。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This user is not an engineer.</source>
        <translation>该用户不是工程师。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This engineer is deactivated.</source>
        <translation>该工程师已停用。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No such engineer.</source>
        <translation>没有这位工程师。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The ticket is {status}: reopen it before booking a visit.</source>
        <translation>工单状态为{status}：请先重新打开工单再预约上门。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This visit cannot be moved (status: {status}).</source>
        <translation>该上门服务不能改期（状态：{status}）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This visit cannot be cancelled (status: {status}).</source>
        <translation>该上门服务不能取消（状态：{status}）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This belongs to another customer.</source>
        <translation>这属于另一位客户。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>It must end after it starts.</source>
        <translation>结束时间必须晚于开始时间。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Visit booked: {engineer}, {time} ({kind})</source>
        <translation>已预约上门：{engineer}，{time}（{kind}）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>after the due date {date}</source>
        <translation>晚于到期日 {date}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Visit moved: {old_engineer}, {old_time} → {engineer}, {time}</source>
        <translation>上门改期：{old_engineer}，{old_time} → {engineer}，{time}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Visit cancelled: {engineer}, {time}</source>
        <translation>已取消上门：{engineer}，{time}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{line}: {reason}</source>
        <translation>{line}：{reason}</translation>
    </message>
</context>
<context>
    <name>Vocabulary</name>
    <message>
        <location filename="../../ui/vocabulary.py" line="+10"/>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Assigned</source>
        <translation>已派单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In progress</source>
        <translation>处理中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Waiting for customer</source>
        <translation>等待客户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Waiting for parts</source>
        <translation>等待备件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Company</source>
        <translation>企业客户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Private person</source>
        <translation>个人客户</translation>
    </message>
</context>
<context>
    <name>WelcomeLine</name>
    <message>
        <location filename="../../ui/area_pages.py" line="-81"/>
        <source>Signed in as {name} ({role}), region {region}.</source>
        <translation>当前登录：{name}（{role}），区域：{region}。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Signed in as {name} ({role}).</source>
        <translation>当前登录：{name}（{role}）。</translation>
    </message>
</context>
<context>
    <name>Workstation</name>
    <message>
        <location filename="../../ui/session.py" line="+212"/>
        <source>An administrator deactivated your account, so you were signed out. A call you were typing is kept as a draft.</source>
        <translation>管理员已停用您的账户，您已被退出登录。正在录入的来电已保存为草稿。</translation>
    </message>
</context>
<context>
    <name>WorkstationStatusBar</name>
    <message>
        <location filename="../../ui/status_bar.py" line="+61"/>
        <source>The database this desk works on:</source>
        <translation>本工作台使用的数据库：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{name} · {role}</source>
        <translation>{name} · {role}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Signed in as {username}</source>
        <translation>登录账号：{username}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>● Live</source>
        <translation>● 实时连接</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connected: changes made at other desks appear at once.</source>
        <translation>已连接：其他工作台所做的更改会立即显示。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>● Reconnecting…</source>
        <translation>● 正在重新连接…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The connection to the database was lost; trying again every second.</source>
        <translation>与数据库的连接已断开，正在每秒重试一次。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last problem: {problem}</source>
        <translation>最近的问题：{problem}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>● Connecting…</source>
        <translation>● 正在连接…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connecting to the database…</source>
        <translation>正在连接数据库…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Open tickets: {count}</source>
        <translation>未关闭工单：{count}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tickets not yet resolved or closed, across all desks (updated live)</source>
        <translation>所有工作台尚未解决或关闭的工单（实时更新）</translation>
    </message>
</context>
<context>
    <name>WrapUpDialog</name>
    <message>
        <location filename="../../ui/wrap_up.py" line="+107"/>
        <source>The wrap-up codes could not be read ({error}).</source>
        <translation>无法读取小结代码（{error}）。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Call duration: {duration}</source>
        <translation>通话时长：{duration}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Wrap up the call</source>
        <translation>通话小结</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How did the call end?</source>
        <translation>本次通话的结果？</translation>
    </message>
</context>
<context>
    <name>_StartHint</name>
    <message>
        <location filename="../../ui/agent_desk.py" line="-140"/>
        <source>Find the caller: type a phone number (or only its last digits), a name, pinyin initials, a company, a serial number or a ticket number in the search on the left (Ctrl+K or F2). A scanned serial number opens its device at once.

New call: Ctrl+N, filled in from the customer or device that is open.</source>
        <translation>查找来电客户：在左侧搜索框（Ctrl+K 或 F2）中输入电话号码（或仅其末几位）、姓名、拼音首字母、公司名称、序列号或工单号。扫描的序列号会直接打开对应设备。

新建来电：Ctrl+N，自动填入当前打开的客户或设备。</translation>
    </message>
</context>
</TS>
