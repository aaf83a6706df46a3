<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AdvanceStageDialog</name>
    <message>
        <location filename="../../ui/editors/stage_dialog.py" line="93"/>
        <source>推进阶段 {id}</source>
        <translation>Advance stage {id}</translation>
    </message>
    <message>
        <location filename="../../ui/editors/stage_dialog.py" line="101"/>
        <source>培育对象：</source>
        <translation>Candidate:</translation>
    </message>
    <message>
        <location filename="../../ui/editors/stage_dialog.py" line="102"/>
        <source>申请路径：</source>
        <translation>Application route:</translation>
    </message>
    <message>
        <location filename="../../ui/editors/stage_dialog.py" line="107"/>
        <source>当前阶段：</source>
        <translation>Current stage:</translation>
    </message>
    <message>
        <location filename="../../ui/editors/stage_dialog.py" line="109"/>
        <source>新阶段</source>
        <translation>New stage</translation>
    </message>
    <message>
        <location filename="../../ui/editors/stage_dialog.py" line="112"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../ui/editors/stage_dialog.py" line="115"/>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../ui/editors/stage_dialog.py" line="119"/>
        <source>本阶段的信息</source>
        <translation>Details for this stage</translation>
    </message>
    <message>
        <location filename="../../ui/editors/stage_dialog.py" line="141"/>
        <source>推进</source>
        <translation>Advance</translation>
    </message>
    <message>
        <location filename="../../ui/editors/stage_dialog.py" line="143"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/editors/stage_dialog.py" line="163"/>
        <source>此记录属于 {office}，只读</source>
        <translation>Read-only: this record belongs to {office}</translation>
    </message>
    <message>
        <location filename="../../ui/editors/stage_dialog.py" line="165"/>
        <source>此记录已删除，只读（恢复后才能修改）</source>
        <translation>Read-only: this record is deleted (restore it to make changes)</translation>
    </message>
    <message>
        <location filename="../../ui/editors/stage_dialog.py" line="369"/>
        <location filename="../../ui/editors/stage_dialog.py" line="385"/>
        <source>无法保存：</source>
        <translation>Cannot save:</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="69"/>
        <source>&lt;h2&gt;{0}&lt;/h2&gt;&lt;p&gt;截至 {1}&lt;/p&gt;</source>
        <translation>&lt;h2&gt;{0}&lt;/h2&gt;&lt;p&gt;As of {1}&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="72"/>
        <source>普查资源：培育层级</source>
        <translation>Surveyed resources: cultivation tier</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="73"/>
        <source>普查资源：产品类别</source>
        <translation>Surveyed resources: product category</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="76"/>
        <source>已保护地理标志</source>
        <translation>Protected GIs</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="96"/>
        <source>合计 &lt;b&gt;{0}&lt;/b&gt;</source>
        <translation>Total &lt;b&gt;{0}&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="106"/>
        <source>培育名录：各阶段</source>
        <translation>Cultivation list: by stage</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="113"/>
        <source>暂无培育对象</source>
        <translation>No candidates yet</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="116"/>
        <location filename="../../ui/pages/dashboard_page.py" line="150"/>
        <source>：</source>
        <translation>: </translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="123"/>
        <source>专用标志使用</source>
        <translation>Use of the GI mark</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="127"/>
        <source>用标主体：</source>
        <translation>Mark users: </translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="133"/>
        <source>用标覆盖率（地理标志）：&lt;b&gt;{0}&lt;/b&gt;（{1}/{2} 个地理标志有已核准用标主体）&lt;br&gt;用标覆盖率（用标主体）：&lt;b&gt;{3}&lt;/b&gt;（{4}/{5} 户上年度实际使用专用标志）</source>
        <translation>Mark-use coverage (GIs): &lt;b&gt;{0}&lt;/b&gt; ({1}/{2} GIs have an approved mark user)&lt;br&gt;Mark-use coverage (mark users): &lt;b&gt;{3}&lt;/b&gt; ({4}/{5} mark users actually used the mark last year)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="142"/>
        <source>需要关注</source>
        <translation>Needs attention</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="148"/>
        <source>条</source>
        <translation>record(s)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="150"/>
        <source>无</source>
        <translation>none</translation>
    </message>
</context>
<context>
    <name>FieldEditor</name>
    <message>
        <location filename="../../ui/editors/widgets.py" line="260"/>
        <source>手机号或区号-座机号，如 0311-8888888</source>
        <translation>Mobile number, or area code-landline number, e.g. 0311-8888888</translation>
    </message>
    <message>
        <location filename="../../ui/editors/widgets.py" line="294"/>
        <source>18位，如 91130125MA0XXXXXXX</source>
        <translation>18 characters, e.g. 91130125MA0XXXXXXX</translation>
    </message>
    <message>
        <location filename="../../ui/editors/widgets.py" line="384"/>
        <source>年-月-日</source>
        <translation>yyyy-mm-dd</translation>
    </message>
    <message>
        <location filename="../../ui/editors/widgets.py" line="391"/>
        <source>日历</source>
        <translation>Calendar</translation>
    </message>
    <message>
        <location filename="../../ui/editors/widgets.py" line="392"/>
        <source>从日历中选择日期</source>
        <translation>Pick a date from the calendar</translation>
    </message>
    <message>
        <location filename="../../ui/editors/widgets.py" line="477"/>
        <source>未填</source>
        <translation>Not filled in</translation>
    </message>
    <message>
        <location filename="../../ui/editors/widgets.py" line="523"/>
        <source>请选择</source>
        <translation>Please select</translation>
    </message>
    <message>
        <location filename="../../ui/editors/widgets.py" line="656"/>
        <source>用分号分隔</source>
        <translation>Separate with semicolons</translation>
    </message>
    <message>
        <location filename="../../ui/editors/widgets.py" line="694"/>
        <source>其他地点，用分号分隔</source>
        <translation>Other places, separated by semicolons</translation>
    </message>
    <message>
        <location filename="../../ui/editors/widgets.py" line="697"/>
        <source>乡镇名称，用分号分隔</source>
        <translation>Township names, separated by semicolons</translation>
    </message>
    <message>
        <location filename="../../ui/editors/widgets.py" line="709"/>
        <source>不在本单位乡镇名录中</source>
        <translation>Not in this office&apos;s list of townships</translation>
    </message>
    <message>
        <location filename="../../ui/editors/widgets.py" line="806"/>
        <source>输入{what}名称或编号查找</source>
        <translation>Search by {what} name or ID</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <location filename="../../ui/editors/history.py" line="51"/>
        <source>新增</source>
        <translation>Created</translation>
    </message>
    <message>
        <location filename="../../ui/editors/history.py" line="52"/>
        <source>修改</source>
        <translation>Changed</translation>
    </message>
    <message>
        <location filename="../../ui/editors/history.py" line="53"/>
        <source>删除</source>
        <translation>Deleted</translation>
    </message>
    <message>
        <location filename="../../ui/editors/history.py" line="54"/>
        <source>恢复</source>
        <translation>Restored</translation>
    </message>
    <message>
        <location filename="../../ui/editors/history.py" line="55"/>
        <source>批量新增</source>
        <translation>Created in bulk</translation>
    </message>
    <message>
        <location filename="../../ui/editors/history.py" line="62"/>
        <source>（空）</source>
        <translation>(blank)</translation>
    </message>
    <message>
        <location filename="../../ui/editors/history.py" line="102"/>
        <source>共 {count} 条：{first} 至 {last}</source>
        <translation>{count} records: {first} to {last}</translation>
    </message>
    <message>
        <location filename="../../ui/editors/history.py" line="116"/>
        <source>修改历史 {id}</source>
        <translation>History of {id}</translation>
    </message>
    <message>
        <location filename="../../ui/editors/history.py" line="119"/>
        <source>记录 {id} 的全部修改（最新的在前）</source>
        <translation>All changes to record {id} (newest first)</translation>
    </message>
    <message>
        <location filename="../../ui/editors/history.py" line="125"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../ui/editors/history.py" line="125"/>
        <source>经办人</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <location filename="../../ui/editors/history.py" line="125"/>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../ui/editors/history.py" line="125"/>
        <source>版本</source>
        <translation>Revision</translation>
    </message>
    <message>
        <location filename="../../ui/editors/history.py" line="125"/>
        <source>修改内容</source>
        <translation>Changes</translation>
    </message>
    <message>
        <location filename="../../ui/editors/history.py" line="139"/>
        <source>……共 {n} 项</source>
        <translation>… {n} changes in all</translation>
    </message>
    <message>
        <location filename="../../ui/editors/history.py" line="162"/>
        <source>没有修改记录。</source>
        <translation>No changes recorded.</translation>
    </message>
    <message>
        <location filename="../../ui/editors/history.py" line="171"/>
        <source>此记录是成批写入的（演示数据或导入），成批写入只在日志中留一条汇总，不逐条记录新增时的内容。</source>
        <translation>This record was written in bulk (demo data or an import). A bulk write leaves one summary entry in the log; the contents of each new record are not logged.</translation>
    </message>
    <message>
        <location filename="../../ui/editors/history.py" line="177"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../ui/editors/history.py" line="190"/>
        <source>{time} {actor} {action}</source>
        <translation>{time} {actor} {action}</translation>
    </message>
    <message>
        <location filename="../../ui/editors/history.py" line="194"/>
        <source>系统用户：{user}</source>
        <translation>System user: {user}</translation>
    </message>
    <message>
        <location filename="../../ui/editors/history.py" line="196"/>
        <source>单位：{office}</source>
        <translation>Office: {office}</translation>
    </message>
    <message>
        <location filename="../../ui/editors/history.py" line="198"/>
        <source>版本：{rev}</source>
        <translation>Revision: {rev}</translation>
    </message>
    <message>
        <location filename="../../ui/editors/history.py" line="202"/>
        <source>备注：{note}</source>
        <translation>Note: {note}</translation>
    </message>
</context>
<context>
    <name>Job</name>
    <message>
        <location filename="../../ui/operations.py" line="58"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>LedgerUndo</name>
    <message>
        <location filename="../../ui/undo.py" line="31"/>
        <source>重做</source>
        <translation>Redo</translation>
    </message>
    <message>
        <location filename="../../ui/undo.py" line="34"/>
        <source>撤销</source>
        <translation>Undo</translation>
    </message>
    <message>
        <location filename="../../ui/undo.py" line="66"/>
        <source>无法{0}：{1}</source>
        <translation>{0} failed: {1}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="74"/>
        <source>撤销/重做</source>
        <translation>Undo/Redo</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="88"/>
        <source>地标台账 — {0}（{1}）</source>
        <translation>GI Ledger — {0} ({1})</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="95"/>
        <source>演示数据（{0}）：不是真实台账，请勿用于报送。</source>
        <translation>Demo data ({0}): not a real ledger. Do not use it for reporting.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="124"/>
        <source>县级模式</source>
        <translation>county mode</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="124"/>
        <source>市级模式</source>
        <translation>city mode</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="125"/>
        <source>省级模式</source>
        <translation>province mode</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="126"/>
        <source>{0} {1} · {2} · 经办人 {3}</source>
        <translation>{0} {1} · {2} · clerk {3}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="133"/>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="134"/>
        <source>新增记录</source>
        <translation>New record</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="136"/>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="140"/>
        <source>退出</source>
        <translation>Exit</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="141"/>
        <source>编辑(&amp;E)</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="142"/>
        <source>撤销</source>
        <translation>Undo</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="144"/>
        <source>重做</source>
        <translation>Redo</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="150"/>
        <source>查找</source>
        <translation>Find</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="152"/>
        <source>删除所选记录</source>
        <translation>Delete selected records</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="155"/>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="156"/>
        <location filename="../../ui/main_window.py" line="421"/>
        <source>关于地标台账</source>
        <translation>About GI Ledger</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="209"/>
        <source>流程视图</source>
        <translation>Pipeline view</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="422"/>
        <source>&lt;h3&gt;地标台账 GI Ledger {0}&lt;/h3&gt;&lt;p&gt;地理标志工作台账：资源普查、培育名录、专用标志使用与统计。&lt;/p&gt;&lt;p&gt;数据库：{1}&lt;/p&gt;</source>
        <translation>&lt;h3&gt;GI Ledger {0}&lt;/h3&gt;&lt;p&gt;Working ledger for geographical indications: resource survey, cultivation list, use of the GI mark and statistics.&lt;/p&gt;&lt;p&gt;Database: {1}&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>PacketsPage</name>
    <message>
        <location filename="../../ui/pages/packets_page.py" line="23"/>
        <source>&lt;h3&gt;数据包&lt;/h3&gt;&lt;p&gt;县局导出 Excel 数据包报送市局、市局导入合并的功能将在下一版本提供。&lt;/p&gt;&lt;p&gt;拖放到窗口上的数据包文件会列在下面。&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Packets&lt;/h3&gt;&lt;p&gt;Exporting Excel packets from a county office to the city office, and importing and merging them at the city office, will come in the next version.&lt;/p&gt;&lt;p&gt;Packet files dropped on the window are listed below.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>PipelineView</name>
    <message>
        <location filename="../../ui/pages/pipeline_page.py" line="52"/>
        <source>{0}（{1}）</source>
        <translation>{0} ({1})</translation>
    </message>
    <message>
        <location filename="../../ui/pages/pipeline_page.py" line="57"/>
        <source>{0} 项</source>
        <translation>{0} candidate(s)</translation>
    </message>
</context>
<context>
    <name>RecordEditor</name>
    <message>
        <location filename="../../ui/editors/record_editor.py" line="166"/>
        <source>新增{kind}</source>
        <translation>New {kind}</translation>
    </message>
    <message>
        <location filename="../../ui/editors/record_editor.py" line="168"/>
        <source>编辑{kind} {id}</source>
        <translation>Edit {kind} {id}</translation>
    </message>
    <message>
        <location filename="../../ui/editors/record_editor.py" line="225"/>
        <source>修改历史</source>
        <translation>History</translation>
    </message>
    <message>
        <location filename="../../ui/editors/record_editor.py" line="235"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../ui/editors/record_editor.py" line="237"/>
        <source>保存（Ctrl+S）</source>
        <translation>Save (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../ui/editors/record_editor.py" line="239"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/editors/record_editor.py" line="267"/>
        <source>必填</source>
        <translation>Required</translation>
    </message>
    <message>
        <location filename="../../ui/editors/record_editor.py" line="331"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../ui/editors/record_editor.py" line="337"/>
        <source>带 &lt;span style=&apos;color:#c62828&apos;&gt;*&lt;/span&gt; 的为必填项。日期可输入 2024-05-01、2024/5/1 或 2024年5月1日。</source>
        <translation>Fields marked &lt;span style=&apos;color:#c62828&apos;&gt;*&lt;/span&gt; are required. Dates may be entered as 2024-05-01 or 2024/5/1.</translation>
    </message>
    <message>
        <location filename="../../ui/editors/record_editor.py" line="340"/>
        <source>编号 {id} · 第 {revision} 版 · 最后修改 {at}</source>
        <translation>ID {id} · Revision {revision} · Last changed {at}</translation>
    </message>
    <message>
        <location filename="../../ui/editors/record_editor.py" line="344"/>
        <source>此记录属于 {office}，只读</source>
        <translation>Read-only: this record belongs to {office}</translation>
    </message>
    <message>
        <location filename="../../ui/editors/record_editor.py" line="348"/>
        <source>此记录已删除，只读（恢复后才能修改）</source>
        <translation>Read-only: this record is deleted (restore it to make changes)</translation>
    </message>
    <message>
        <location filename="../../ui/editors/record_editor.py" line="411"/>
        <source>{n} 处需要修改</source>
        <translation>Fields to correct: {n}</translation>
    </message>
    <message>
        <location filename="../../ui/editors/record_editor.py" line="475"/>
        <location filename="../../ui/editors/record_editor.py" line="496"/>
        <source>无法保存：</source>
        <translation>Cannot save:</translation>
    </message>
    <message>
        <location filename="../../ui/editors/record_editor.py" line="504"/>
        <source>有未保存的修改，确定放弃吗？</source>
        <translation>Discard unsaved changes?</translation>
    </message>
</context>
<context>
    <name>RegisterPage</name>
    <message>
        <location filename="../../ui/pages/register_page.py" line="92"/>
        <source>搜索任意列（空格分隔多个词）</source>
        <translation>Search all columns (separate words with spaces)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register_page.py" line="102"/>
        <source>按{0}筛选</source>
        <translation>Filter by {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register_page.py" line="105"/>
        <source>显示已删除</source>
        <translation>Show deleted</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register_page.py" line="120"/>
        <source>相关记录 ▾</source>
        <translation>Related records ▾</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register_page.py" line="169"/>
        <source>新增</source>
        <translation>New</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register_page.py" line="170"/>
        <source>编辑</source>
        <translation>Edit</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register_page.py" line="171"/>
        <location filename="../../ui/pages/register_page.py" line="316"/>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register_page.py" line="172"/>
        <source>恢复</source>
        <translation>Restore</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register_page.py" line="173"/>
        <source>修改历史</source>
        <translation>History</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register_page.py" line="176"/>
        <source>加入培育名录</source>
        <translation>Add to cultivation list</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register_page.py" line="178"/>
        <source>推进阶段</source>
        <translation>Advance stage</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register_page.py" line="191"/>
        <source>全部（清除筛选）</source>
        <translation>All (clear filter)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register_page.py" line="227"/>
        <source>{0}：共 {1} 条</source>
        <translation>{0}: total {1}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register_page.py" line="230"/>
        <source>筛选：</source>
        <translation>Filter: </translation>
    </message>
    <message>
        <location filename="../../ui/pages/register_page.py" line="232"/>
        <source>搜索：</source>
        <translation>Search: </translation>
    </message>
    <message>
        <location filename="../../ui/pages/register_page.py" line="234"/>
        <source>仅显示：{0} &lt;a href=&apos;clear&apos;&gt;显示全部&lt;/a&gt;</source>
        <translation>Showing only: {0} &lt;a href=&apos;clear&apos;&gt;Show all&lt;/a&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register_page.py" line="235"/>
        <source>{0} 条记录</source>
        <translation>{0} record(s)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register_page.py" line="314"/>
        <source> 等</source>
        <translation> and more</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register_page.py" line="317"/>
        <source>删除 {0} 条{1}（{2}）？
删除后可撤销（Ctrl+Z），也可勾选“显示已删除”后恢复。</source>
        <translation>Delete {0} {1} record(s) ({2})?
You can undo this (Ctrl+Z), or tick &quot;Show deleted&quot; and restore them.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register_page.py" line="327"/>
        <source>无法删除</source>
        <translation>Cannot delete</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register_page.py" line="339"/>
        <source>无法恢复</source>
        <translation>Cannot restore</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register_page.py" line="356"/>
        <source>{0} 的{1}</source>
        <translation>{1} of {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register_page.py" line="367"/>
        <source>新加入的培育对象 {0}</source>
        <translation>Newly added candidate {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register_page.py" line="395"/>
        <source>查看{0}</source>
        <translation>View {0}</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="42"/>
        <source>界面</source>
        <translation>Interface</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="50"/>
        <source>语言 / Language：</source>
        <translation>Language / 语言:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="53"/>
        <location filename="../../ui/pages/settings_page.py" line="96"/>
        <location filename="../../ui/pages/settings_page.py" line="98"/>
        <source>经办人</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="57"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="59"/>
        <source>修改记录中的经办人：</source>
        <translation>Clerk recorded with each change:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="64"/>
        <source>数据</source>
        <translation>Data</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="69"/>
        <source>数据库文件：</source>
        <translation>Database file:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="70"/>
        <source>备份文件夹：</source>
        <translation>Backup folder:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="72"/>
        <source>打开所在文件夹</source>
        <translation>Open containing folder</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="73"/>
        <source>立即备份</source>
        <translation>Back up now</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="74"/>
        <location filename="../../ui/pages/settings_page.py" line="128"/>
        <source>检查数据</source>
        <translation>Check data</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="98"/>
        <source>已保存。</source>
        <translation>Saved.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="108"/>
        <source>备份</source>
        <translation>Backup</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="108"/>
        <source>已备份到：
{0}</source>
        <translation>Backed up to:
{0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="123"/>
        <source>检查了 {0} 条记录：错误 {1} 条，提示 {2} 条。</source>
        <translation>Records checked: {0}. Errors: {1}. Notices: {2}.</translation>
    </message>
</context>
<context>
    <name>SetupDialog</name>
    <message>
        <location filename="../../ui/setup_dialog.py" line="47"/>
        <source>地标台账 — 首次设置</source>
        <translation>GI Ledger — First-time setup</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="50"/>
        <source>&lt;h3&gt;欢迎使用地标台账&lt;/h3&gt;&lt;p&gt;请选择本单位（可按名称或行政区划代码搜索）。县级代码为县级模式，市级代码（如 130100）为市级模式。&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Welcome to GI Ledger&lt;/h3&gt;&lt;p&gt;Choose your office (search by name or administrative division code). A county code sets up county mode; a city code (e.g. 130100) sets up city mode.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="58"/>
        <source>如：行唐 或 130125</source>
        <translation>e.g. 行唐 or 130125</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="60"/>
        <source>搜索单位：</source>
        <translation>Find office:</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="76"/>
        <source>经办人：</source>
        <translation>Clerk:</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="80"/>
        <source>浏览…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="84"/>
        <source>数据库文件：</source>
        <translation>Database file:</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="85"/>
        <source>填入演示数据（仅用于培训和试用）</source>
        <translation>Fill in demo data (for training and trials only)</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="91"/>
        <source>创建</source>
        <translation>Create</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="93"/>
        <source>打开已有数据库…</source>
        <translation>Open existing database…</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="117"/>
        <source>县级模式：录入本县台账、打印表格、导出数据包报送市局。</source>
        <translation>County mode: keep the county&apos;s registers, print forms, export packets for the city bureau.</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="118"/>
        <source>市级模式：导入各县数据包、核对合并、打印全市汇总表。</source>
        <translation>City mode: import the counties&apos; packets, check and merge them, print the city table.</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="119"/>
        <source>省级模式：导入各市数据包。</source>
        <translation>Province mode: import the cities&apos; packets.</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="127"/>
        <source>数据库文件</source>
        <translation>Database file</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="128"/>
        <location filename="../../ui/setup_dialog.py" line="134"/>
        <source>地标台账数据库 (*.db)</source>
        <translation>GI Ledger database (*.db)</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="133"/>
        <source>打开数据库</source>
        <translation>Open database</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="143"/>
        <location filename="../../ui/setup_dialog.py" line="147"/>
        <source>无法打开</source>
        <translation>Cannot open</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="147"/>
        <source>此数据库尚未设置单位。</source>
        <translation>No office has been set up in this database.</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="161"/>
        <source>文件已存在</source>
        <translation>File exists</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="162"/>
        <source>{0} 已存在。是否直接打开它？（不会覆盖）</source>
        <translation>{0} already exists. Open it instead? (It will not be overwritten.)</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="171"/>
        <location filename="../../ui/setup_dialog.py" line="180"/>
        <source>无法创建</source>
        <translation>Cannot create</translation>
    </message>
</context>
<context>
    <name>StatsPage</name>
    <message>
        <location filename="../../ui/pages/stats_page.py" line="24"/>
        <source>台账统计（自动计算，供核对）</source>
        <translation>Ledger statistics (calculated automatically, for checking)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats_page.py" line="36"/>
        <source>地理标志商标 {0} 件；地理标志保护产品 {1} 个，其中已使用专用标志 {2} 个。</source>
        <translation>GI trademarks: {0}. GI protected products: {1}, of which using the GI mark: {2}.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats_page.py" line="42"/>
        <source>{0}填报 {1}，台账 {2}</source>
        <translation>{0}: reported {1}, ledger {2}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats_page.py" line="45"/>
        <source>与 {0} 的统计行不一致：</source>
        <translation>Differs from the statistics row of {0}: </translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats_page.py" line="48"/>
        <source>与 {0} 的统计行一致。</source>
        <translation>Agrees with the statistics row of {0}.</translation>
    </message>
</context>
</TS>
