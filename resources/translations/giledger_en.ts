<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AdvanceStageDialog</name>
    <message>
        <location filename="../../ui/editors/stage_dialog.py" line="93"/>
        <source>推进阶段 {id}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/editors/stage_dialog.py" line="101"/>
        <source>培育对象：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/editors/stage_dialog.py" line="102"/>
        <source>申请路径：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/editors/stage_dialog.py" line="107"/>
        <source>当前阶段：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/editors/stage_dialog.py" line="109"/>
        <source>新阶段</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/editors/stage_dialog.py" line="112"/>
        <source>日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/editors/stage_dialog.py" line="115"/>
        <source>说明</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/editors/stage_dialog.py" line="119"/>
        <source>本阶段的信息</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/editors/stage_dialog.py" line="141"/>
        <source>推进</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/editors/stage_dialog.py" line="143"/>
        <source>取消</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/editors/stage_dialog.py" line="163"/>
        <source>此记录属于 {office}，只读</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/editors/stage_dialog.py" line="165"/>
        <source>此记录已删除，只读（恢复后才能修改）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/editors/stage_dialog.py" line="369"/>
        <location filename="../../ui/editors/stage_dialog.py" line="385"/>
        <source>无法保存：</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="61"/>
        <source>&lt;h2&gt;{0}&lt;/h2&gt;&lt;p&gt;截至 {1}&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="64"/>
        <source>普查资源：培育层级</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="65"/>
        <source>普查资源：产品类别</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="68"/>
        <source>已保护地理标志</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="88"/>
        <source>合计 &lt;b&gt;{0}&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="98"/>
        <source>培育名录：各阶段</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="105"/>
        <source>暂无培育对象</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="115"/>
        <source>专用标志使用</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="119"/>
        <source>用标主体：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="125"/>
        <source>用标覆盖率（地理标志）：&lt;b&gt;{0}&lt;/b&gt;（{1}/{2} 个地理标志有已核准用标主体）&lt;br&gt;用标覆盖率（用标主体）：&lt;b&gt;{3}&lt;/b&gt;（{4}/{5} 户上年度实际使用专用标志）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="134"/>
        <source>需要关注</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="140"/>
        <source>条</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="142"/>
        <source>无</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FieldEditor</name>
    <message>
        <location filename="../../ui/editors/widgets.py" line="260"/>
        <source>手机号或区号-座机号，如 0311-8888888</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/editors/widgets.py" line="294"/>
        <source>18位，如 91130125MA0XXXXXXX</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/editors/widgets.py" line="384"/>
        <source>年-月-日</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/editors/widgets.py" line="391"/>
        <source>日历</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/editors/widgets.py" line="392"/>
        <source>从日历中选择日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/editors/widgets.py" line="477"/>
        <source>未填</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/editors/widgets.py" line="523"/>
        <source>请选择</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/editors/widgets.py" line="656"/>
        <source>用分号分隔</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/editors/widgets.py" line="694"/>
        <source>其他地点，用分号分隔</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/editors/widgets.py" line="697"/>
        <source>乡镇名称，用分号分隔</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/editors/widgets.py" line="709"/>
        <source>不在本单位乡镇名录中</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/editors/widgets.py" line="806"/>
        <source>输入{what}名称或编号查找</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <location filename="../../ui/editors/history.py" line="51"/>
        <source>新增</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/editors/history.py" line="52"/>
        <source>修改</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/editors/history.py" line="53"/>
        <source>删除</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/editors/history.py" line="54"/>
        <source>恢复</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/editors/history.py" line="55"/>
        <source>批量新增</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/editors/history.py" line="62"/>
        <source>（空）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/editors/history.py" line="102"/>
        <source>共 {count} 条：{first} 至 {last}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/editors/history.py" line="116"/>
        <source>修改历史 {id}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/editors/history.py" line="119"/>
        <source>记录 {id} 的全部修改（最新的在前）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/editors/history.py" line="125"/>
        <source>时间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/editors/history.py" line="125"/>
        <source>经办人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/editors/history.py" line="125"/>
        <source>操作</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/editors/history.py" line="125"/>
        <source>版本</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/editors/history.py" line="125"/>
        <source>修改内容</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/editors/history.py" line="139"/>
        <source>……共 {n} 项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/editors/history.py" line="162"/>
        <source>没有修改记录。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/editors/history.py" line="171"/>
        <source>此记录是成批写入的（演示数据或导入），成批写入只在日志中留一条汇总，不逐条记录新增时的内容。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/editors/history.py" line="177"/>
        <source>关闭</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/editors/history.py" line="190"/>
        <source>{time} {actor} {action}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/editors/history.py" line="194"/>
        <source>系统用户：{user}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/editors/history.py" line="196"/>
        <source>单位：{office}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/editors/history.py" line="198"/>
        <source>版本：{rev}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/editors/history.py" line="202"/>
        <source>备注：{note}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Job</name>
    <message>
        <location filename="../../ui/operations.py" line="58"/>
        <source>取消</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LedgerUndo</name>
    <message>
        <location filename="../../ui/undo.py" line="31"/>
        <source>重做</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/undo.py" line="34"/>
        <source>撤销</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/undo.py" line="66"/>
        <source>无法{0}：{1}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="76"/>
        <source>撤销/重做</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="90"/>
        <source>地标台账 — {0}（{1}）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="97"/>
        <source>演示数据（{0}）：不是真实台账，请勿用于报送。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="127"/>
        <source>{0} {1} · {2}模式 · 经办人 {3}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="134"/>
        <source>文件(&amp;F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="135"/>
        <source>新增记录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="137"/>
        <source>刷新</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="141"/>
        <source>退出</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="142"/>
        <source>编辑(&amp;E)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="143"/>
        <source>撤销</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="145"/>
        <source>重做</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="151"/>
        <source>查找</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="153"/>
        <source>删除所选记录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="156"/>
        <source>帮助(&amp;H)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="157"/>
        <location filename="../../ui/main_window.py" line="422"/>
        <source>关于地标台账</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="210"/>
        <source>流程视图</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="423"/>
        <source>&lt;h3&gt;地标台账 GI Ledger {0}&lt;/h3&gt;&lt;p&gt;地理标志工作台账：资源普查、培育名录、专用标志使用与统计。&lt;/p&gt;&lt;p&gt;数据库：{1}&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PacketsPage</name>
    <message>
        <location filename="../../ui/pages/packets_page.py" line="23"/>
        <source>&lt;h3&gt;数据包&lt;/h3&gt;&lt;p&gt;县局导出 Excel 数据包报送市局、市局导入合并的功能将在下一版本提供。&lt;/p&gt;&lt;p&gt;拖放到窗口上的数据包文件会列在下面。&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecordEditor</name>
    <message>
        <location filename="../../ui/editors/record_editor.py" line="166"/>
        <source>新增{kind}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/editors/record_editor.py" line="168"/>
        <source>编辑{kind} {id}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/editors/record_editor.py" line="225"/>
        <source>修改历史</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/editors/record_editor.py" line="235"/>
        <source>保存</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/editors/record_editor.py" line="237"/>
        <source>保存（Ctrl+S）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/editors/record_editor.py" line="239"/>
        <source>取消</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/editors/record_editor.py" line="267"/>
        <source>必填</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/editors/record_editor.py" line="331"/>
        <source>关闭</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/editors/record_editor.py" line="337"/>
        <source>带 &lt;span style=&apos;color:#c62828&apos;&gt;*&lt;/span&gt; 的为必填项。日期可输入 2024-05-01、2024/5/1 或 2024年5月1日。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/editors/record_editor.py" line="340"/>
        <source>编号 {id} · 第 {revision} 版 · 最后修改 {at}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/editors/record_editor.py" line="344"/>
        <source>此记录属于 {office}，只读</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/editors/record_editor.py" line="348"/>
        <source>此记录已删除，只读（恢复后才能修改）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/editors/record_editor.py" line="411"/>
        <source>{n} 处需要修改</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/editors/record_editor.py" line="475"/>
        <location filename="../../ui/editors/record_editor.py" line="496"/>
        <source>无法保存：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/editors/record_editor.py" line="504"/>
        <source>有未保存的修改，确定放弃吗？</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RegisterPage</name>
    <message>
        <location filename="../../ui/pages/register_page.py" line="91"/>
        <source>搜索任意列（空格分隔多个词）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/register_page.py" line="101"/>
        <source>按{0}筛选</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/register_page.py" line="104"/>
        <source>显示已删除</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/register_page.py" line="119"/>
        <source>相关记录 ▾</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/register_page.py" line="167"/>
        <source>新增</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/register_page.py" line="168"/>
        <source>编辑</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/register_page.py" line="169"/>
        <location filename="../../ui/pages/register_page.py" line="314"/>
        <source>删除</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/register_page.py" line="170"/>
        <source>恢复</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/register_page.py" line="171"/>
        <source>修改历史</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/register_page.py" line="174"/>
        <source>加入培育名录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/register_page.py" line="176"/>
        <source>推进阶段</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/register_page.py" line="189"/>
        <source>全部（清除筛选）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/register_page.py" line="225"/>
        <source>{0}：共 {1} 条</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/register_page.py" line="228"/>
        <source>筛选：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/register_page.py" line="230"/>
        <source>搜索：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/register_page.py" line="232"/>
        <source>仅显示：{0} &lt;a href=&apos;clear&apos;&gt;显示全部&lt;/a&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/register_page.py" line="233"/>
        <source>{0} 条记录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/register_page.py" line="312"/>
        <source> 等</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/register_page.py" line="315"/>
        <source>删除 {0} 条{1}（{2}）？
删除后可撤销（Ctrl+Z），也可勾选“显示已删除”后恢复。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/register_page.py" line="325"/>
        <source>无法删除</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/register_page.py" line="337"/>
        <source>无法恢复</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/register_page.py" line="392"/>
        <source>查看{0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="42"/>
        <source>界面</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="50"/>
        <source>语言 / Language：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="53"/>
        <location filename="../../ui/pages/settings_page.py" line="96"/>
        <location filename="../../ui/pages/settings_page.py" line="98"/>
        <source>经办人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="57"/>
        <source>保存</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="59"/>
        <source>修改记录中的经办人：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="64"/>
        <source>数据</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="69"/>
        <source>数据库文件：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="70"/>
        <source>备份文件夹：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="72"/>
        <source>打开所在文件夹</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="73"/>
        <source>立即备份</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="74"/>
        <location filename="../../ui/pages/settings_page.py" line="128"/>
        <source>检查数据</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="98"/>
        <source>已保存。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="108"/>
        <source>备份</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="108"/>
        <source>已备份到：
{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="123"/>
        <source>检查了 {0} 条记录：错误 {1} 条，提示 {2} 条。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SetupDialog</name>
    <message>
        <location filename="../../ui/setup_dialog.py" line="50"/>
        <source>地标台账 — 首次设置</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="53"/>
        <source>&lt;h3&gt;欢迎使用地标台账&lt;/h3&gt;&lt;p&gt;请选择本单位（可按名称或行政区划代码搜索）。县级代码为县级模式，市级代码（如 130100）为市级模式。&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="61"/>
        <source>如：行唐 或 130125</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="63"/>
        <source>搜索单位：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="79"/>
        <source>经办人：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="83"/>
        <source>浏览…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="87"/>
        <source>数据库文件：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="88"/>
        <source>填入演示数据（仅用于培训和试用）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="94"/>
        <source>创建</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="96"/>
        <source>打开已有数据库…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="127"/>
        <source>数据库文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="128"/>
        <location filename="../../ui/setup_dialog.py" line="134"/>
        <source>地标台账数据库 (*.db)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="133"/>
        <source>打开数据库</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="143"/>
        <location filename="../../ui/setup_dialog.py" line="147"/>
        <source>无法打开</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="147"/>
        <source>此数据库尚未设置单位。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="161"/>
        <source>文件已存在</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="162"/>
        <source>{0} 已存在。是否直接打开它？（不会覆盖）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="171"/>
        <location filename="../../ui/setup_dialog.py" line="180"/>
        <source>无法创建</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StatsPage</name>
    <message>
        <location filename="../../ui/pages/stats_page.py" line="23"/>
        <source>台账统计（自动计算，供核对）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats_page.py" line="35"/>
        <source>地理标志商标 {0} 件；地理标志保护产品 {1} 个，其中已使用专用标志 {2} 个。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats_page.py" line="41"/>
        <source>{0}填报 {1}，台账 {2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats_page.py" line="44"/>
        <source>与 {0} 的统计行不一致：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats_page.py" line="47"/>
        <source>与 {0} 的统计行一致。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
