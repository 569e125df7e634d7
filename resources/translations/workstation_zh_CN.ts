<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
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
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="+235"/>
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
        <location line="+47"/>
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
        <source>Areas</source>
        <translation>功能区</translation>
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
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../ui/sign_in.py" line="+173"/>
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
    <name>Startup</name>
    <message>
        <location filename="../../ui/app.py" line="+72"/>
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
    <name>WorkstationStatusBar</name>
    <message>
        <location filename="../../ui/status_bar.py" line="+94"/>
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
</TS>
