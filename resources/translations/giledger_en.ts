<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AbnormalDialog</name>
    <message>
        <location filename="../../ui/supervision_dialogs.py" line="112"/>
        <source>列入原因</source>
        <translation>Reason for listing</translation>
    </message>
    <message>
        <location filename="../../ui/supervision_dialogs.py" line="116"/>
        <source>必填，如：已补报年报</source>
        <translation>Required, e.g. the annual report was filed</translation>
    </message>
    <message>
        <location filename="../../ui/supervision_dialogs.py" line="118"/>
        <source>移出原因</source>
        <translation>Reason for removal</translation>
    </message>
    <message>
        <location filename="../../ui/supervision_dialogs.py" line="121"/>
        <source>决定书文号；没有的不填</source>
        <translation>Number of the decision; empty when there is none</translation>
    </message>
    <message>
        <location filename="../../ui/supervision_dialogs.py" line="122"/>
        <source>决定文号</source>
        <translation>Decision number</translation>
    </message>
    <message>
        <location filename="../../ui/supervision_dialogs.py" line="125"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
</context>
<context>
    <name>AdvanceStageDialog</name>
    <message>
        <location filename="../../ui/editors/stage_dialog.py" line="101"/>
        <source>推进阶段 {id}</source>
        <translation>Advance stage {id}</translation>
    </message>
    <message>
        <location filename="../../ui/editors/stage_dialog.py" line="109"/>
        <source>培育对象：</source>
        <translation>Candidate:</translation>
    </message>
    <message>
        <location filename="../../ui/editors/stage_dialog.py" line="110"/>
        <source>申请路径：</source>
        <translation>Application route:</translation>
    </message>
    <message>
        <location filename="../../ui/editors/stage_dialog.py" line="115"/>
        <source>当前阶段：</source>
        <translation>Current stage:</translation>
    </message>
    <message>
        <location filename="../../ui/editors/stage_dialog.py" line="117"/>
        <source>新阶段</source>
        <translation>New stage</translation>
    </message>
    <message>
        <location filename="../../ui/editors/stage_dialog.py" line="120"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../ui/editors/stage_dialog.py" line="123"/>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../ui/editors/stage_dialog.py" line="127"/>
        <source>本阶段的信息</source>
        <translation>Details for this stage</translation>
    </message>
    <message>
        <location filename="../../ui/editors/stage_dialog.py" line="149"/>
        <source>推进</source>
        <translation>Advance</translation>
    </message>
    <message>
        <location filename="../../ui/editors/stage_dialog.py" line="151"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/editors/stage_dialog.py" line="171"/>
        <source>此记录属于 {office}，只读</source>
        <translation>Read-only: this record belongs to {office}</translation>
    </message>
    <message>
        <location filename="../../ui/editors/stage_dialog.py" line="173"/>
        <source>此记录已删除，只读（恢复后才能修改）</source>
        <translation>Read-only: this record is deleted (restore it to make changes)</translation>
    </message>
    <message>
        <location filename="../../ui/editors/stage_dialog.py" line="315"/>
        <source>此阶段之后没有下一步</source>
        <translation>Nothing follows this stage</translation>
    </message>
    <message>
        <location filename="../../ui/editors/stage_dialog.py" line="317"/>
        <location filename="../../ui/editors/stage_dialog.py" line="319"/>
        <source>默认：{step}（{basis}）</source>
        <translation>Default: {step} ({basis})</translation>
    </message>
    <message>
        <location filename="../../ui/editors/stage_dialog.py" line="406"/>
        <location filename="../../ui/editors/stage_dialog.py" line="422"/>
        <source>无法保存：</source>
        <translation>Cannot save:</translation>
    </message>
</context>
<context>
    <name>AnnualProposal</name>
    <message>
        <location filename="../../ui/annual/proposal.py" line="27"/>
        <source>将 {0} 户{1}年度逾期未报年报的用标主体列入异常名录（原因：未报年报）？</source>
        <translation>Put {0} users whose report for {1} is overdue on the abnormal list (reason: no annual report)?</translation>
    </message>
    <message>
        <location filename="../../ui/annual/proposal.py" line="30"/>
        <source>列入异常名录</source>
        <translation>List on the abnormal list</translation>
    </message>
    <message>
        <location filename="../../ui/annual/proposal.py" line="47"/>
        <source>一键列入异常名录（未报年报）…</source>
        <translation>List them all on the abnormal list (no annual report)…</translation>
    </message>
</context>
<context>
    <name>AnnualStatusPage</name>
    <message>
        <location filename="../../ui/annual/status_page.py" line="68"/>
        <source>年度</source>
        <translation>Year</translation>
    </message>
    <message>
        <location filename="../../ui/annual/status_page.py" line="75"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/annual/status_page.py" line="78"/>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../ui/annual/status_page.py" line="78"/>
        <source>未报</source>
        <translation>Not filed</translation>
    </message>
    <message>
        <location filename="../../ui/annual/status_page.py" line="78"/>
        <source>已报</source>
        <translation>Filed</translation>
    </message>
    <message>
        <location filename="../../ui/annual/status_page.py" line="79"/>
        <source>已审核</source>
        <translation>Approved</translation>
    </message>
    <message>
        <location filename="../../ui/annual/status_page.py" line="79"/>
        <source>退回</source>
        <translation>Returned</translation>
    </message>
    <message>
        <location filename="../../ui/annual/status_page.py" line="79"/>
        <location filename="../../ui/annual/status_page.py" line="103"/>
        <location filename="../../ui/annual/status_page.py" line="104"/>
        <source>逾期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../ui/annual/status_page.py" line="84"/>
        <location filename="../../ui/annual/status_page.py" line="103"/>
        <location filename="../../ui/annual/status_page.py" line="185"/>
        <source>截止日期</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <location filename="../../ui/annual/status_page.py" line="90"/>
        <source>设置截止日期</source>
        <translation>Set deadline</translation>
    </message>
    <message>
        <location filename="../../ui/annual/status_page.py" line="91"/>
        <source>生成工作簿（每户一个）…</source>
        <translation>Workbooks (one per user)…</translation>
    </message>
    <message>
        <location filename="../../ui/annual/status_page.py" line="92"/>
        <source>生成工作簿（合并为一个）…</source>
        <translation>Workbook (all in one)…</translation>
    </message>
    <message>
        <location filename="../../ui/annual/status_page.py" line="93"/>
        <source>导入回收的工作簿…</source>
        <translation>Import returned workbooks…</translation>
    </message>
    <message>
        <location filename="../../ui/annual/status_page.py" line="94"/>
        <location filename="../../ui/annual/status_page.py" line="209"/>
        <location filename="../../ui/annual/status_page.py" line="214"/>
        <source>列入异常名录</source>
        <translation>List on the abnormal list</translation>
    </message>
    <message>
        <location filename="../../ui/annual/status_page.py" line="102"/>
        <source>编号</source>
        <translation>ID</translation>
    </message>
    <message>
        <location filename="../../ui/annual/status_page.py" line="102"/>
        <source>企业名称</source>
        <translation>Enterprise</translation>
    </message>
    <message>
        <location filename="../../ui/annual/status_page.py" line="102"/>
        <source>统一社会信用代码</source>
        <translation>USCC</translation>
    </message>
    <message>
        <location filename="../../ui/annual/status_page.py" line="102"/>
        <source>用标状态</source>
        <translation>User status</translation>
    </message>
    <message>
        <location filename="../../ui/annual/status_page.py" line="103"/>
        <source>年报状态</source>
        <translation>Report status</translation>
    </message>
    <message>
        <location filename="../../ui/annual/status_page.py" line="103"/>
        <location filename="../../ui/annual/status_page.py" line="248"/>
        <source>年报</source>
        <translation>Report</translation>
    </message>
    <message>
        <location filename="../../ui/annual/status_page.py" line="104"/>
        <source>（已列入异常名录）</source>
        <translation> (listed as abnormal)</translation>
    </message>
    <message>
        <location filename="../../ui/annual/status_page.py" line="128"/>
        <source>确认导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <location filename="../../ui/annual/status_page.py" line="129"/>
        <source>保存问题工作簿…</source>
        <translation>Save problem workbook…</translation>
    </message>
    <message>
        <location filename="../../ui/annual/status_page.py" line="130"/>
        <source>关闭预览</source>
        <translation>Close preview</translation>
    </message>
    <message>
        <location filename="../../ui/annual/status_page.py" line="164"/>
        <source>（默认）</source>
        <translation> (default)</translation>
    </message>
    <message>
        <location filename="../../ui/annual/status_page.py" line="166"/>
        <source>{0}年度：应报 {1} 户；未报 {2}，已报 {3}，已审核 {4}，退回 {5}；逾期 {6}。截止日期 {7}{8}</source>
        <translation>{0}: {1} users owe a report; not filed {2}, filed {3}, approved {4}, returned {5}; overdue {6}. Deadline {7}{8}</translation>
    </message>
    <message>
        <location filename="../../ui/annual/status_page.py" line="170"/>
        <source>列入异常名录（{0}）…</source>
        <translation>List on the abnormal list ({0})…</translation>
    </message>
    <message>
        <location filename="../../ui/annual/status_page.py" line="207"/>
        <source>将 {0} 户{1}年度逾期未报年报的用标主体列入异常名录（原因：未报年报），其状态改为“列入异常名录”。确定吗？</source>
        <translation>Put {0} users whose report for {1} is overdue on the abnormal list (reason: no annual report)? Their status becomes &quot;on the abnormal list&quot;.</translation>
    </message>
    <message>
        <location filename="../../ui/annual/status_page.py" line="223"/>
        <source>选择保存工作簿的文件夹</source>
        <translation>Choose the folder for the workbooks</translation>
    </message>
    <message>
        <location filename="../../ui/annual/status_page.py" line="228"/>
        <source>保存年报填报工作簿</source>
        <translation>Save the annual-report workbook</translation>
    </message>
    <message>
        <location filename="../../ui/annual/status_page.py" line="237"/>
        <source>生成年报工作簿</source>
        <translation>Writing annual-report workbooks</translation>
    </message>
    <message>
        <location filename="../../ui/annual/status_page.py" line="243"/>
        <source>已生成 {0} 个文件，{1} 个用标主体。</source>
        <translation>{0} file(s) written for {1} user(s).</translation>
    </message>
    <message>
        <location filename="../../ui/annual/status_page.py" line="253"/>
        <source>选择回收的年报工作簿</source>
        <translation>Choose the returned annual-report workbooks</translation>
    </message>
    <message>
        <location filename="../../ui/annual/status_page.py" line="254"/>
        <source>Excel 文件 (*.xlsx)</source>
        <translation>Excel files (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../ui/annual/status_page.py" line="264"/>
        <source>试导入</source>
        <translation>Dry run</translation>
    </message>
    <message>
        <location filename="../../ui/annual/status_page.py" line="269"/>
        <source>新增</source>
        <translation>New</translation>
    </message>
    <message>
        <location filename="../../ui/annual/status_page.py" line="269"/>
        <source>更新</source>
        <translation>Updated</translation>
    </message>
    <message>
        <location filename="../../ui/annual/status_page.py" line="269"/>
        <source>无变化</source>
        <translation>Unchanged</translation>
    </message>
    <message>
        <location filename="../../ui/annual/status_page.py" line="270"/>
        <source>未填写，跳过</source>
        <translation>Left blank, skipped</translation>
    </message>
    <message>
        <location filename="../../ui/annual/status_page.py" line="270"/>
        <source>拒绝</source>
        <translation>Refused</translation>
    </message>
    <message>
        <location filename="../../ui/annual/status_page.py" line="276"/>
        <source>拒绝：</source>
        <translation>Refused: </translation>
    </message>
    <message>
        <location filename="../../ui/annual/status_page.py" line="286"/>
        <source>提示：</source>
        <translation>Warning: </translation>
    </message>
    <message>
        <location filename="../../ui/annual/status_page.py" line="288"/>
        <source>新增 {0}，更新 {1}，无变化 {2}，未填写 {3}，拒绝 {4}</source>
        <translation>New {0}, updated {1}, unchanged {2}, blank {3}, refused {4}</translation>
    </message>
    <message>
        <location filename="../../ui/annual/status_page.py" line="291"/>
        <source>有被拒绝的文件或工作表：不能导入。请保存问题工作簿，改正后重新导入。</source>
        <translation>Some files or sheets are refused: nothing can be imported. Save the problem workbook, correct it and import again.</translation>
    </message>
    <message>
        <location filename="../../ui/annual/status_page.py" line="307"/>
        <source>导入年报工作簿</source>
        <translation>Importing annual-report workbooks</translation>
    </message>
    <message>
        <location filename="../../ui/annual/status_page.py" line="314"/>
        <source>已导入。</source>
        <translation>Imported.</translation>
    </message>
    <message>
        <location filename="../../ui/annual/status_page.py" line="319"/>
        <source>保存问题工作簿</source>
        <translation>Save problem workbook</translation>
    </message>
    <message>
        <location filename="../../ui/annual/status_page.py" line="319"/>
        <source>年报问题工作簿</source>
        <translation>annual-report problems</translation>
    </message>
    <message>
        <location filename="../../ui/annual/status_page.py" line="328"/>
        <source>问题工作簿已保存：</source>
        <translation>Problem workbook saved: </translation>
    </message>
</context>
<context>
    <name>BehindDialog</name>
    <message>
        <location filename="../../ui/pages/stats_page_city.py" line="135"/>
        <source>共 {0} 条记录</source>
        <translation>{0} record(s)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats_page_city.py" line="136"/>
        <source>没有记录（未报送）</source>
        <translation>No records (not reported)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats_page_city.py" line="139"/>
        <source>编号</source>
        <translation>ID</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats_page_city.py" line="139"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats_page_city.py" line="139"/>
        <source>说明</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats_page_city.py" line="148"/>
        <source>{0} 统计行（截止 {1}）</source>
        <translation>{0} statistics row (as of {1})</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats_page_city.py" line="149"/>
        <source>版本 {0}</source>
        <translation>revision {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats_page_city.py" line="158"/>
        <source>打开</source>
        <translation>Open</translation>
    </message>
</context>
<context>
    <name>CaseDashboard</name>
    <message>
        <location filename="../../ui/cases_dashboard.py" line="41"/>
        <source>行政保护案件</source>
        <translation>Enforcement cases</translation>
    </message>
    <message>
        <location filename="../../ui/cases_dashboard.py" line="45"/>
        <source>{0} 年立案 &lt;b&gt;{1}&lt;/b&gt;</source>
        <translation>Filed in {0}: &lt;b&gt;{1}&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/cases_dashboard.py" line="46"/>
        <source>未结案件 &lt;b&gt;{0}&lt;/b&gt;</source>
        <translation>Open: &lt;b&gt;{0}&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/cases_dashboard.py" line="47"/>
        <source>典型案例 &lt;b&gt;{0}&lt;/b&gt;</source>
        <translation>Typical: &lt;b&gt;{0}&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/cases_dashboard.py" line="48"/>
        <source>累计 &lt;b&gt;{0}&lt;/b&gt;</source>
        <translation>All years: &lt;b&gt;{0}&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/cases_dashboard.py" line="56"/>
        <source>本年各违法行为：</source>
        <translation>This year by act: </translation>
    </message>
</context>
<context>
    <name>CityCasesBox</name>
    <message>
        <location filename="../../ui/cases_dashboard.py" line="72"/>
        <source>行政保护案件（各单位）</source>
        <translation>Enforcement cases (per unit)</translation>
    </message>
    <message>
        <location filename="../../ui/cases_dashboard.py" line="77"/>
        <source>立案年度：</source>
        <translation>Year filed:</translation>
    </message>
    <message>
        <location filename="../../ui/cases_dashboard.py" line="84"/>
        <source>各单位案件数（按违法行为）</source>
        <translation>Cases per unit (by act)</translation>
    </message>
    <message>
        <location filename="../../ui/cases_dashboard.py" line="101"/>
        <source>全部年度</source>
        <translation>Every year</translation>
    </message>
    <message>
        <location filename="../../ui/cases_dashboard.py" line="125"/>
        <source>{0} 年各单位案件数（按违法行为）</source>
        <translation>Cases per unit filed in {0} (by act)</translation>
    </message>
    <message>
        <location filename="../../ui/cases_dashboard.py" line="126"/>
        <source>各单位案件数（按违法行为，全部年度）</source>
        <translation>Cases per unit (by act, every year)</translation>
    </message>
    <message>
        <location filename="../../ui/cases_dashboard.py" line="127"/>
        <source>无</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../../ui/cases_dashboard.py" line="133"/>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../ui/cases_dashboard.py" line="134"/>
        <location filename="../../ui/cases_dashboard.py" line="144"/>
        <source>合计</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../ui/cases_dashboard.py" line="134"/>
        <source>未结</source>
        <translation>Open</translation>
    </message>
</context>
<context>
    <name>CityDashboardView</name>
    <message>
        <location filename="../../ui/city_dashboard.py" line="79"/>
        <source>统计表各栏（各单位）</source>
        <translation>City table columns (per unit)</translation>
    </message>
    <message>
        <location filename="../../ui/city_dashboard.py" line="80"/>
        <source>培育名录各阶段（各单位）</source>
        <translation>Cultivation stages (per unit)</translation>
    </message>
    <message>
        <location filename="../../ui/city_dashboard.py" line="81"/>
        <source>用标覆盖率（各单位，目标 80%）</source>
        <translation>Mark-use coverage (per unit, target 80%)</translation>
    </message>
    <message>
        <location filename="../../ui/city_dashboard.py" line="97"/>
        <location filename="../../ui/city_dashboard.py" line="245"/>
        <location filename="../../ui/city_dashboard.py" line="253"/>
        <source>导出图片</source>
        <translation>Export image</translation>
    </message>
    <message>
        <location filename="../../ui/city_dashboard.py" line="99"/>
        <source>把图表保存为 PNG 图片，用于报告</source>
        <translation>Save the chart as a PNG image for a report</translation>
    </message>
    <message>
        <location filename="../../ui/city_dashboard.py" line="110"/>
        <source>数据包与跨县重复</source>
        <translation>Packets and cross-county duplicates</translation>
    </message>
    <message>
        <location filename="../../ui/city_dashboard.py" line="113"/>
        <source>超过以下天数未收到数据包即为逾期：</source>
        <translation>Overdue when no packet arrived within:</translation>
    </message>
    <message>
        <location filename="../../ui/city_dashboard.py" line="117"/>
        <source> 天</source>
        <translation> days</translation>
    </message>
    <message>
        <location filename="../../ui/city_dashboard.py" line="130"/>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../ui/city_dashboard.py" line="130"/>
        <source>最后一期</source>
        <translation>Last packet</translation>
    </message>
    <message>
        <location filename="../../ui/city_dashboard.py" line="130"/>
        <source>合并日期</source>
        <translation>Merged on</translation>
    </message>
    <message>
        <location filename="../../ui/city_dashboard.py" line="130"/>
        <source>距今（天）</source>
        <translation>Days ago</translation>
    </message>
    <message>
        <location filename="../../ui/city_dashboard.py" line="131"/>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../ui/city_dashboard.py" line="131"/>
        <source>待核重复</source>
        <translation>To review</translation>
    </message>
    <message>
        <location filename="../../ui/city_dashboard.py" line="152"/>
        <source>正在统计全市看板（数据库较大，统计在后台进行）……</source>
        <translation>Counting the city dashboard (a large database: counted in the background)…</translation>
    </message>
    <message>
        <location filename="../../ui/city_dashboard.py" line="164"/>
        <source>全市看板统计失败：{0}</source>
        <translation>The city dashboard could not be counted: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/city_dashboard.py" line="170"/>
        <source>&lt;b&gt;全市看板&lt;/b&gt;&#x3000;截至 {0}；统计表数据为 {1} 前各单位最新的统计行</source>
        <translation>&lt;b&gt;City dashboard&lt;/b&gt;  as of {0}; table figures are each unit&apos;s latest statistics row up to {1}</translation>
    </message>
    <message>
        <location filename="../../ui/city_dashboard.py" line="173"/>
        <source>；{0} 个单位未报送</source>
        <translation>; {0} units have not reported</translation>
    </message>
    <message>
        <location filename="../../ui/city_dashboard.py" line="181"/>
        <source>无</source>
        <translation>none</translation>
    </message>
    <message>
        <location filename="../../ui/city_dashboard.py" line="185"/>
        <source>用标覆盖率</source>
        <translation>Mark-use coverage</translation>
    </message>
    <message>
        <location filename="../../ui/city_dashboard.py" line="186"/>
        <source>无应报年报用户</source>
        <translation>no users due a report</translation>
    </message>
    <message>
        <location filename="../../ui/city_dashboard.py" line="187"/>
        <source>达到目标</source>
        <translation>target met</translation>
    </message>
    <message>
        <location filename="../../ui/city_dashboard.py" line="187"/>
        <source>未达目标</source>
        <translation>below target</translation>
    </message>
    <message>
        <location filename="../../ui/city_dashboard.py" line="188"/>
        <source>目标 80%</source>
        <translation>target 80%</translation>
    </message>
    <message>
        <location filename="../../ui/city_dashboard.py" line="199"/>
        <source>{0}（各单位，{1} 前最新统计行）</source>
        <translation>{0} (per unit, latest statistics row up to {1})</translation>
    </message>
    <message>
        <location filename="../../ui/city_dashboard.py" line="202"/>
        <source>未报送</source>
        <translation>not reported</translation>
    </message>
    <message>
        <location filename="../../ui/city_dashboard.py" line="206"/>
        <source>跨县重复待核：用标主体 {0} 户（统一社会信用代码相同），普查资源 {1} 项（产品名称相同）</source>
        <translation>Cross-county duplicates to review: {0} mark users (same USCC), {1} resources (same product name)</translation>
    </message>
    <message>
        <location filename="../../ui/city_dashboard.py" line="211"/>
        <source>逾期</source>
        <translation>overdue</translation>
    </message>
    <message>
        <location filename="../../ui/city_dashboard.py" line="211"/>
        <source>按时</source>
        <translation>on time</translation>
    </message>
    <message>
        <location filename="../../ui/city_dashboard.py" line="213"/>
        <source>未收到</source>
        <translation>never received</translation>
    </message>
    <message>
        <location filename="../../ui/city_dashboard.py" line="234"/>
        <source>无法保存</source>
        <translation>Cannot save</translation>
    </message>
    <message>
        <location filename="../../ui/city_dashboard.py" line="245"/>
        <source>PNG 图片 (*.png)</source>
        <translation>PNG images (*.png)</translation>
    </message>
    <message>
        <location filename="../../ui/city_dashboard.py" line="253"/>
        <source>无法写入 {0}</source>
        <translation>Cannot write {0}</translation>
    </message>
</context>
<context>
    <name>CityTableModel</name>
    <message>
        <location filename="../../ui/pages/stats_page_city.py" line="58"/>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats_page_city.py" line="58"/>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats_page_city.py" line="58"/>
        <source>有效注册商标</source>
        <translation>Trademarks</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats_page_city.py" line="58"/>
        <source>驰名商标</source>
        <translation>Well-known</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats_page_city.py" line="59"/>
        <source>地理标志商标</source>
        <translation>GI marks</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats_page_city.py" line="59"/>
        <source>地理标志保护产品
产品数量</source>
        <translation>GI products
number</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats_page_city.py" line="60"/>
        <source>地理标志保护产品
已使用专用标志产品数量</source>
        <translation>GI products
using the mark</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats_page_city.py" line="60"/>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats_page_city.py" line="66"/>
        <source>市</source>
        <translation>City</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats_page_city.py" line="118"/>
        <source>{0} 截止日期前没有统计行（未报送），不计入小计</source>
        <translation>{0} has no statistics row on or before the date (not reported); not counted in the total</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats_page_city.py" line="120"/>
        <source>填报 {0}，台账 {1}；点击查看记录</source>
        <translation>Typed {0}, registers {1}; click to see the records</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats_page_city.py" line="121"/>
        <source>点击查看记录</source>
        <translation>Click to see the records</translation>
    </message>
</context>
<context>
    <name>CityTablePanel</name>
    <message>
        <location filename="../../ui/pages/stats_page_city.py" line="186"/>
        <source>统计截止日期</source>
        <translation>As of</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats_page_city.py" line="195"/>
        <source>单位列表…</source>
        <translation>Units…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats_page_city.py" line="196"/>
        <source>导出 Excel…</source>
        <translation>Export Excel…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats_page_city.py" line="197"/>
        <source>导出 PDF…</source>
        <translation>Export PDF…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats_page_city.py" line="249"/>
        <source>{0} 个单位，已报送 {1}，未报送 {2}</source>
        <translation>{0} units, {1} reported, {2} not reported</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats_page_city.py" line="252"/>
        <source> 等 {0} 个</source>
        <translation> and others, {0} in all</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats_page_city.py" line="253"/>
        <source>（未计入小计）：</source>
        <translation> (not counted in the total): </translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats_page_city.py" line="254"/>
        <source>小计：</source>
        <translation>Total: </translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats_page_city.py" line="256"/>
        <source>与台账不一致：</source>
        <translation>Disagrees with the registers: </translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats_page_city.py" line="269"/>
        <source>{0} · {1}：记录</source>
        <translation>{0} · {1}: records</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats_page_city.py" line="285"/>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats_page_city.py" line="285"/>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF file (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats_page_city.py" line="286"/>
        <source>统计表保存到</source>
        <translation>Save the city table as</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats_page_city.py" line="302"/>
        <location filename="../../ui/pages/stats_page_city.py" line="312"/>
        <source>导出统计表</source>
        <translation>Export the city table</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats_page_city.py" line="308"/>
        <source>已导出：{0}</source>
        <translation>Exported: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats_page_city.py" line="312"/>
        <source>未能导出：{0}</source>
        <translation>Could not export: {0}</translation>
    </message>
</context>
<context>
    <name>CompletenessPage</name>
    <message>
        <location filename="../../ui/pages/completeness_page.py" line="53"/>
        <source>报送情况用于市级、省级台账：查看各下级单位的数据包和统计表报送情况。</source>
        <translation>Reporting is for city and province ledgers: which units have sent their packets and statistics rows.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/completeness_page.py" line="60"/>
        <source>报送期间</source>
        <translation>Period</translation>
    </message>
    <message>
        <location filename="../../ui/pages/completeness_page.py" line="63"/>
        <source>年度</source>
        <translation>Year</translation>
    </message>
    <message>
        <location filename="../../ui/pages/completeness_page.py" line="63"/>
        <source>季度</source>
        <translation>Quarter</translation>
    </message>
    <message>
        <location filename="../../ui/pages/completeness_page.py" line="63"/>
        <source>月份</source>
        <translation>Month</translation>
    </message>
    <message>
        <location filename="../../ui/pages/completeness_page.py" line="74"/>
        <source> 天</source>
        <translation> days</translation>
    </message>
    <message>
        <location filename="../../ui/pages/completeness_page.py" line="75"/>
        <source>期末后宽限的天数：期末加宽限为报送期限</source>
        <translation>Days of grace after the period&apos;s end: the end plus the grace is the deadline</translation>
    </message>
    <message>
        <location filename="../../ui/pages/completeness_page.py" line="78"/>
        <source>宽限</source>
        <translation>Grace</translation>
    </message>
    <message>
        <location filename="../../ui/pages/completeness_page.py" line="80"/>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/completeness_page.py" line="81"/>
        <source>导出 Excel…</source>
        <translation>Export Excel…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/completeness_page.py" line="82"/>
        <source>导出 PDF…</source>
        <translation>Export PDF…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/completeness_page.py" line="89"/>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/completeness_page.py" line="89"/>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../ui/pages/completeness_page.py" line="89"/>
        <source>最近数据包</source>
        <translation>Last packet</translation>
    </message>
    <message>
        <location filename="../../ui/pages/completeness_page.py" line="89"/>
        <source>最近接收日期</source>
        <translation>Last received</translation>
    </message>
    <message>
        <location filename="../../ui/pages/completeness_page.py" line="90"/>
        <source>本期统计表</source>
        <translation>Row as of</translation>
    </message>
    <message>
        <location filename="../../ui/pages/completeness_page.py" line="90"/>
        <source>到达日期</source>
        <translation>Arrived</translation>
    </message>
    <message>
        <location filename="../../ui/pages/completeness_page.py" line="90"/>
        <source>按时</source>
        <translation>On time</translation>
    </message>
    <message>
        <location filename="../../ui/pages/completeness_page.py" line="90"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/pages/completeness_page.py" line="93"/>
        <source>已报：本期（期间内截止日期最晚的）统计表已合并。按时：该统计表所在数据包在报送期限前收到。逾期（红色）：报送期限已过，期间开始至期限内未收到数据包。</source>
        <translation>Reported: the period&apos;s statistics row (the latest within the period) is merged. On time: the packet that brought it came by the deadline. Overdue (red): the deadline has passed and no packet came from the period&apos;s start to the deadline.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/completeness_page.py" line="127"/>
        <source>第{0}季度</source>
        <translation>Q{0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/completeness_page.py" line="130"/>
        <source>{0}月</source>
        <translation>Month {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/completeness_page.py" line="157"/>
        <source>第 {0} 号</source>
        <translation>No. {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/completeness_page.py" line="160"/>
        <source>是</source>
        <translation>yes</translation>
    </message>
    <message>
        <location filename="../../ui/pages/completeness_page.py" line="160"/>
        <source>否</source>
        <translation>no</translation>
    </message>
    <message>
        <location filename="../../ui/pages/completeness_page.py" line="161"/>
        <source>统计表 {0}，第 {1} 版</source>
        <translation>statistics row {0}, revision {1}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/completeness_page.py" line="174"/>
        <source>（逾期）</source>
        <translation> (overdue)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/completeness_page.py" line="176"/>
        <source>报送期限 {0}（期末 {1} 后 {2} 天）。应报 {3} 个单位，已报 {4} 个，报送率 {5}；按时 {6} 个，按时报送率 {7}；逾期 {8} 个。</source>
        <translation>Deadline {0} ({2} days after the end, {1}). {4} of {3} units reported, reporting rate {5}; {6} on time, on-time rate {7}; {8} overdue.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/completeness_page.py" line="186"/>
        <location filename="../../ui/pages/completeness_page.py" line="207"/>
        <source>报送情况</source>
        <translation>Reporting</translation>
    </message>
    <message>
        <location filename="../../ui/pages/completeness_page.py" line="186"/>
        <source>无法保存文件：{0}</source>
        <translation>Cannot save the file: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/completeness_page.py" line="194"/>
        <source>导出报送情况</source>
        <translation>Export reporting</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="95"/>
        <source>概况</source>
        <translation>Overview</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="99"/>
        <source>全省看板</source>
        <translation>Province dashboard</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="99"/>
        <source>全市看板</source>
        <translation>City dashboard</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="113"/>
        <source>单位：</source>
        <translation>Unit:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="116"/>
        <source>全省（全部单位）</source>
        <translation>Whole province (all units)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="116"/>
        <source>全市（全部单位）</source>
        <translation>Whole city (all units)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="176"/>
        <source>正在统计首页数据（数据库较大，统计在后台进行，可先使用其他页面）……</source>
        <translation>Counting the figures of the home page (a large database: this runs in the background; the other pages can be used meanwhile)…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="203"/>
        <source>首页数据统计失败：{0}</source>
        <translation>The figures of the home page could not be counted: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="218"/>
        <source>&lt;h2&gt;{0}&lt;/h2&gt;&lt;p&gt;截至 {1}&lt;/p&gt;</source>
        <translation>&lt;h2&gt;{0}&lt;/h2&gt;&lt;p&gt;As of {1}&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="222"/>
        <source>普查资源：培育层级</source>
        <translation>Surveyed resources: cultivation tier</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="223"/>
        <source>普查资源：产品类别</source>
        <translation>Surveyed resources: product category</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="226"/>
        <location filename="../../ui/pages/dashboard_page.py" line="322"/>
        <source>已保护地理标志</source>
        <translation>Protected GIs</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="251"/>
        <source>合计 &lt;b&gt;{0}&lt;/b&gt;</source>
        <translation>Total &lt;b&gt;{0}&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="261"/>
        <source>培育名录：各阶段</source>
        <translation>Cultivation list: by stage</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="268"/>
        <source>暂无培育对象</source>
        <translation>No candidates yet</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="271"/>
        <location filename="../../ui/pages/dashboard_page.py" line="306"/>
        <source>：</source>
        <translation>: </translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="278"/>
        <source>专用标志使用</source>
        <translation>Use of the GI mark</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="282"/>
        <source>用标主体：</source>
        <translation>Mark users: </translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="289"/>
        <source>用标覆盖率（地理标志）：&lt;b&gt;{0}&lt;/b&gt;（{1}/{2} 个地理标志有已核准用标主体）&lt;br&gt;用标覆盖率（用标主体）：&lt;b&gt;{3}&lt;/b&gt;（{4}/{5} 户上年度实际使用专用标志）</source>
        <translation>Mark-use coverage (GIs): &lt;b&gt;{0}&lt;/b&gt; ({1}/{2} GIs have an approved mark user)&lt;br&gt;Mark-use coverage (mark users): &lt;b&gt;{3}&lt;/b&gt; ({4}/{5} mark users actually used the mark last year)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="298"/>
        <source>需要关注</source>
        <translation>Needs attention</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="304"/>
        <source>条</source>
        <translation>record(s)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="306"/>
        <source>无</source>
        <translation>none</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="320"/>
        <source>各单位（双击单位查看其首页）</source>
        <translation>Per unit (double-click a unit to see its figures)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="322"/>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="322"/>
        <source>普查资源</source>
        <translation>Resources</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="322"/>
        <source>培育对象</source>
        <translation>Candidates</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="323"/>
        <source>已核准用标主体</source>
        <translation>Approved users</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="323"/>
        <source>用标覆盖率</source>
        <translation>Coverage</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="323"/>
        <source>未报上年度年报</source>
        <translation>Missing reports</translation>
    </message>
</context>
<context>
    <name>DrawDialog</name>
    <message>
        <location filename="../../ui/draw/__init__.py" line="24"/>
        <location filename="../../ui/draw/dialog.py" line="61"/>
        <location filename="../../ui/draw/dialog.py" line="250"/>
        <source>随机抽取</source>
        <translation>Random draw</translation>
    </message>
    <message>
        <location filename="../../ui/draw/__init__.py" line="25"/>
        <source>请先在列表中选择一个抽查计划。</source>
        <translation>Select an inspection plan in the list first.</translation>
    </message>
    <message>
        <location filename="../../ui/draw/dialog.py" line="78"/>
        <location filename="../../ui/draw/dialog.py" line="97"/>
        <location filename="../../ui/draw/dialog.py" line="193"/>
        <source>抽取</source>
        <translation>Draw</translation>
    </message>
    <message>
        <location filename="../../ui/draw/dialog.py" line="80"/>
        <source>随机种子</source>
        <translation>Seed</translation>
    </message>
    <message>
        <location filename="../../ui/draw/dialog.py" line="83"/>
        <source>输入公开的随机数（如当期彩票开奖号码），或点“生成”</source>
        <translation>Type a public random number (e.g. a published lottery result), or click Generate</translation>
    </message>
    <message>
        <location filename="../../ui/draw/dialog.py" line="86"/>
        <source>生成</source>
        <translation>Generate</translation>
    </message>
    <message>
        <location filename="../../ui/draw/dialog.py" line="90"/>
        <source>重新抽取理由</source>
        <translation>Reason for a redraw</translation>
    </message>
    <message>
        <location filename="../../ui/draw/dialog.py" line="93"/>
        <source>已抽取过的计划重新抽取时必须填写</source>
        <translation>Required when a plan that was drawn is drawn again</translation>
    </message>
    <message>
        <location filename="../../ui/draw/dialog.py" line="100"/>
        <location filename="../../ui/draw/dialog.py" line="266"/>
        <location filename="../../ui/draw/dialog.py" line="284"/>
        <source>复核</source>
        <translation>Verify</translation>
    </message>
    <message>
        <location filename="../../ui/draw/dialog.py" line="102"/>
        <source>按记录的种子和现在的检查对象库重新计算，比较结果</source>
        <translation>Re-run the draw with the stored seed on the pools as they are now and compare</translation>
    </message>
    <message>
        <location filename="../../ui/draw/dialog.py" line="112"/>
        <source>抽取记录</source>
        <translation>Draws</translation>
    </message>
    <message>
        <location filename="../../ui/draw/dialog.py" line="126"/>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../ui/draw/dialog.py" line="126"/>
        <source>检查对象</source>
        <translation>Target</translation>
    </message>
    <message>
        <location filename="../../ui/draw/dialog.py" line="126"/>
        <source>统一社会信用代码</source>
        <translation>USCC</translation>
    </message>
    <message>
        <location filename="../../ui/draw/dialog.py" line="127"/>
        <source>检查人员</source>
        <translation>Inspectors</translation>
    </message>
    <message>
        <location filename="../../ui/draw/dialog.py" line="127"/>
        <source>检查结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../ui/draw/dialog.py" line="139"/>
        <source>录入检查结果</source>
        <translation>Enter the result</translation>
    </message>
    <message>
        <location filename="../../ui/draw/dialog.py" line="142"/>
        <source>公示表 Excel</source>
        <translation>Publication sheet (Excel)</translation>
    </message>
    <message>
        <location filename="../../ui/draw/dialog.py" line="145"/>
        <source>公示表 PDF</source>
        <translation>Publication sheet (PDF)</translation>
    </message>
    <message>
        <location filename="../../ui/draw/dialog.py" line="148"/>
        <source>打印检查记录表</source>
        <translation>Print the inspection forms</translation>
    </message>
    <message>
        <location filename="../../ui/draw/dialog.py" line="170"/>
        <source>抽查计划：{0}（{1}）</source>
        <translation>Inspection plan: {0} ({1})</translation>
    </message>
    <message>
        <location filename="../../ui/draw/dialog.py" line="174"/>
        <source>检查对象库 {0} 户，抽取 {1} 户；执法检查人员库 {2} 人，每户 {3} 人</source>
        <translation>{0} users in the pool, {1} to draw; {2} inspectors in the pool, {3} per target</translation>
    </message>
    <message>
        <location filename="../../ui/draw/dialog.py" line="177"/>
        <source>不在执法检查人员名录中：{0}</source>
        <translation>Not in the inspectors&apos; roster: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/draw/dialog.py" line="186"/>
        <source>第 {0} 次抽取（{1}，{2}）</source>
        <translation>Draw {0} ({1}, {2})</translation>
    </message>
    <message>
        <location filename="../../ui/draw/dialog.py" line="188"/>
        <source>：{0}</source>
        <translation>: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/draw/dialog.py" line="193"/>
        <source>重新抽取</source>
        <translation>Draw again</translation>
    </message>
    <message>
        <location filename="../../ui/draw/dialog.py" line="205"/>
        <source>尚未抽取。</source>
        <translation>Not drawn yet.</translation>
    </message>
    <message>
        <location filename="../../ui/draw/dialog.py" line="208"/>
        <source>随机种子：{0}
检查对象库校验值（SHA-256）：{1}</source>
        <translation>Seed: {0}
Pool hash (SHA-256): {1}</translation>
    </message>
    <message>
        <location filename="../../ui/draw/dialog.py" line="213"/>
        <source>未检查</source>
        <translation>not inspected</translation>
    </message>
    <message>
        <location filename="../../ui/draw/dialog.py" line="231"/>
        <source>已检查</source>
        <translation>inspected</translation>
    </message>
    <message>
        <location filename="../../ui/draw/dialog.py" line="270"/>
        <source>结果一致：检查对象库未变，按记录的种子重新计算，结果相同。</source>
        <translation>Same result: the pools are unchanged and the draw re-run with the stored seed gives the same result.</translation>
    </message>
    <message>
        <location filename="../../ui/draw/dialog.py" line="272"/>
        <source>检查对象库已变。</source>
        <translation>The pools changed.</translation>
    </message>
    <message>
        <location filename="../../ui/draw/dialog.py" line="272"/>
        <source>检查对象库未变。</source>
        <translation>The pools are unchanged.</translation>
    </message>
    <message>
        <location filename="../../ui/draw/dialog.py" line="273"/>
        <source>重新计算的结果不同。</source>
        <translation>The re-run gives a different result.</translation>
    </message>
    <message>
        <location filename="../../ui/draw/dialog.py" line="273"/>
        <source>重新计算的结果相同。</source>
        <translation>The re-run gives the same result.</translation>
    </message>
    <message>
        <location filename="../../ui/draw/dialog.py" line="274"/>
        <source>新增检查对象</source>
        <translation>Users added</translation>
    </message>
    <message>
        <location filename="../../ui/draw/dialog.py" line="274"/>
        <source>移出检查对象</source>
        <translation>Users removed</translation>
    </message>
    <message>
        <location filename="../../ui/draw/dialog.py" line="275"/>
        <source>新增检查人员</source>
        <translation>Inspectors added</translation>
    </message>
    <message>
        <location filename="../../ui/draw/dialog.py" line="276"/>
        <source>移出检查人员</source>
        <translation>Inspectors removed</translation>
    </message>
    <message>
        <location filename="../../ui/draw/dialog.py" line="277"/>
        <source>信息有变</source>
        <translation>Data changed</translation>
    </message>
    <message>
        <location filename="../../ui/draw/dialog.py" line="281"/>
        <source>记录的结果无法由记录的检查对象库和种子重现。</source>
        <translation>The stored result does not follow from the stored pools and seed.</translation>
    </message>
    <message>
        <location filename="../../ui/draw/dialog.py" line="328"/>
        <location filename="../../ui/draw/dialog.py" line="334"/>
        <source>导出抽查结果公示表</source>
        <translation>Export the publication sheet</translation>
    </message>
</context>
<context>
    <name>EvaluationView</name>
    <message>
        <location filename="../../ui/pages/targets_page.py" line="53"/>
        <source>年度</source>
        <translation>Year</translation>
    </message>
    <message>
        <location filename="../../ui/pages/targets_page.py" line="59"/>
        <source>统计截至</source>
        <translation>As of</translation>
    </message>
    <message>
        <location filename="../../ui/pages/targets_page.py" line="67"/>
        <location filename="../../ui/pages/targets_page.py" line="174"/>
        <location filename="../../ui/pages/targets_page.py" line="177"/>
        <source>添加默认目标</source>
        <translation>Add default targets</translation>
    </message>
    <message>
        <location filename="../../ui/pages/targets_page.py" line="68"/>
        <source>按许昌、濮阳文件添加本年度的目标：一县一品、用标覆盖率80%、新增地理标志产品和商标各1个、示范企业10家</source>
        <translation>Add this year&apos;s targets from the Xuchang and Puyang documents: one GI per county, mark-use coverage 80%, one new GI product and one new GI trademark, 10 model enterprises</translation>
    </message>
    <message>
        <location filename="../../ui/pages/targets_page.py" line="70"/>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/targets_page.py" line="71"/>
        <source>导出 Excel…</source>
        <translation>Export Excel…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/targets_page.py" line="72"/>
        <source>导出 PDF…</source>
        <translation>Export PDF…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/targets_page.py" line="109"/>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../ui/pages/targets_page.py" line="111"/>
        <location filename="../../ui/pages/targets_page.py" line="123"/>
        <source>全市</source>
        <translation>city</translation>
    </message>
    <message>
        <location filename="../../ui/pages/targets_page.py" line="111"/>
        <source>每个单位</source>
        <translation>each unit</translation>
    </message>
    <message>
        <location filename="../../ui/pages/targets_page.py" line="137"/>
        <source>点选单元格查看数字和原因。绿：达标；黄：未达标，期限未到；红：未达标且已过期限，或未报送。只计已合并的数据。</source>
        <translation>Click a cell for its figures and reason. Green: met; amber: not met, still in time; red: not met and past due, or not reported. Merged data only.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/targets_page.py" line="140"/>
        <source>{0} 年还没有工作目标：点“添加默认目标”，或在“目标列表”中新增。</source>
        <translation>No targets for {0} yet: click “Add default targets”, or add one under “Target list”.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/targets_page.py" line="145"/>
        <source>未报送</source>
        <translation>not reported</translation>
    </message>
    <message>
        <location filename="../../ui/pages/targets_page.py" line="178"/>
        <source>已添加 {0} 年的 {1} 项目标。</source>
        <translation>Added {1} targets for {0}.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/targets_page.py" line="185"/>
        <location filename="../../ui/pages/targets_page.py" line="201"/>
        <source>工作目标</source>
        <translation>Targets</translation>
    </message>
    <message>
        <location filename="../../ui/pages/targets_page.py" line="185"/>
        <source>无法保存文件：{0}</source>
        <translation>Cannot save the file: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/targets_page.py" line="191"/>
        <source>导出工作目标</source>
        <translation>Export targets</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../ui/packets/export_dialog.py" line="71"/>
        <location filename="../../ui/packets/export_dialog.py" line="170"/>
        <location filename="../../ui/packets/export_dialog.py" line="193"/>
        <location filename="../../ui/packets/export_dialog.py" line="197"/>
        <location filename="../../ui/packets/export_dialog.py" line="242"/>
        <location filename="../../ui/packets/export_dialog.py" line="278"/>
        <source>导出数据包</source>
        <translation>Export packet</translation>
    </message>
    <message>
        <location filename="../../ui/packets/export_dialog.py" line="80"/>
        <source>将导出{0}（{1}）的全部记录（含已删除记录的标记），生成第 {2} 号数据包，并用本单位的密钥签名。数据包导出后请不要在 Excel 中修改，否则市局会拒绝导入。</source>
        <translation>All records of {0} ({1}), deleted ones marked as such, will be exported as packet no. {2}, signed with this office&apos;s key. Do not change the packet in Excel after export, or the city will refuse it.</translation>
    </message>
    <message>
        <location filename="../../ui/packets/export_dialog.py" line="100"/>
        <source>浏览…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <location filename="../../ui/packets/export_dialog.py" line="104"/>
        <source>保存到：</source>
        <translation>Save to:</translation>
    </message>
    <message>
        <location filename="../../ui/packets/export_dialog.py" line="108"/>
        <source>可不填，默认为 {0}</source>
        <translation>Optional; {0} if left empty</translation>
    </message>
    <message>
        <location filename="../../ui/packets/export_dialog.py" line="110"/>
        <source>报送期间：</source>
        <translation>Reporting period:</translation>
    </message>
    <message>
        <location filename="../../ui/packets/export_dialog.py" line="113"/>
        <source>例如 scjgj@example.gov.cn，用于生成邮件</source>
        <translation>e.g. scjgj@example.gov.cn, for the mail draft</translation>
    </message>
    <message>
        <location filename="../../ui/packets/export_dialog.py" line="114"/>
        <source>市局邮箱：</source>
        <translation>City&apos;s e-mail:</translation>
    </message>
    <message>
        <location filename="../../ui/packets/export_dialog.py" line="117"/>
        <source>导出结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../ui/packets/export_dialog.py" line="126"/>
        <location filename="../../ui/packets/export_dialog.py" line="291"/>
        <location filename="../../ui/packets/export_dialog.py" line="299"/>
        <source>生成邮件</source>
        <translation>Write e-mail</translation>
    </message>
    <message>
        <location filename="../../ui/packets/export_dialog.py" line="128"/>
        <source>生成一封带数据包附件的邮件草稿，用邮件程序打开后即可发送</source>
        <translation>Write a mail draft with the packet attached; open it in the mail program and send it</translation>
    </message>
    <message>
        <location filename="../../ui/packets/export_dialog.py" line="130"/>
        <source>打开所在文件夹</source>
        <translation>Open containing folder</translation>
    </message>
    <message>
        <location filename="../../ui/packets/export_dialog.py" line="145"/>
        <source>导出</source>
        <translation>Export</translation>
    </message>
    <message>
        <location filename="../../ui/packets/export_dialog.py" line="149"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../ui/packets/export_dialog.py" line="156"/>
        <source>这是演示数据库：导出的数据包会标为“演示数据”（封面和签名中都有标记），不得用于报送，真实台账的市局数据库会拒绝导入。</source>
        <translation>This is a demo database: the packet will be marked as demo data (on its cover and in its signature). It must not be used for reporting; a real city ledger refuses to import it.</translation>
    </message>
    <message>
        <location filename="../../ui/packets/export_dialog.py" line="159"/>
        <source>这是培训数据库：导出的数据包会标为“培训数据”（封面和签名中都有标记），不得用于报送，真实台账的市局数据库会拒绝导入。</source>
        <translation>This is a training database: the packet will be marked as training data (on its cover and in its signature). It must not be used for reporting; a real city ledger refuses to import it.</translation>
    </message>
    <message>
        <location filename="../../ui/packets/export_dialog.py" line="167"/>
        <source>要导出标为“演示数据”的数据包吗？
它只能用于演示和培训，不得报送给市局。</source>
        <translation>Export a packet marked as demo data?
It is for demonstration and training only and must not be sent to the city as a report.</translation>
    </message>
    <message>
        <location filename="../../ui/packets/export_dialog.py" line="169"/>
        <source>要导出标为“培训数据”的数据包吗？
它只能用于演示和培训，不得报送给市局。</source>
        <translation>Export a packet marked as training data?
It is for demonstration and training only and must not be sent to the city as a report.</translation>
    </message>
    <message>
        <location filename="../../ui/packets/export_dialog.py" line="178"/>
        <source>数据包保存到</source>
        <translation>Save the packet as</translation>
    </message>
    <message>
        <location filename="../../ui/packets/export_dialog.py" line="178"/>
        <source>Excel 数据包 (*.xlsx)</source>
        <translation>Excel packets (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../ui/packets/export_dialog.py" line="194"/>
        <source>文件夹不存在：
{0}</source>
        <translation>The folder does not exist:
{0}</translation>
    </message>
    <message>
        <location filename="../../ui/packets/export_dialog.py" line="198"/>
        <source>文件已存在，要替换它吗？
{0}</source>
        <translation>The file exists already. Replace it?
{0}</translation>
    </message>
    <message>
        <location filename="../../ui/packets/export_dialog.py" line="207"/>
        <source>市局邮箱</source>
        <translation>City&apos;s e-mail</translation>
    </message>
    <message>
        <location filename="../../ui/packets/export_dialog.py" line="208"/>
        <source>“{0}”不是有效的邮箱地址。</source>
        <translation>“{0}” is not a valid e-mail address.</translation>
    </message>
    <message>
        <location filename="../../ui/packets/export_dialog.py" line="241"/>
        <source>正在导出……</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <location filename="../../ui/packets/export_dialog.py" line="257"/>
        <source>已导出第 {0} 号数据包，共 {1} 条记录：
{2}
签名公钥指纹：{3}
首次报送时，市局会打电话核对这个指纹。</source>
        <translation>Packet no. {0} exported, {1} records:
{2}
Key fingerprint: {3}
On the first packet the city will phone to check this fingerprint.</translation>
    </message>
    <message>
        <location filename="../../ui/packets/export_dialog.py" line="260"/>
        <source>本数据包标为演示/培训数据，不得用于报送。</source>
        <translation>This packet is marked as demo/training data and must not be used for reporting.</translation>
    </message>
    <message>
        <location filename="../../ui/packets/export_dialog.py" line="268"/>
        <source>完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../ui/packets/export_dialog.py" line="275"/>
        <source>已取消，没有生成数据包。</source>
        <translation>Cancelled; no packet was written.</translation>
    </message>
    <message>
        <location filename="../../ui/packets/export_dialog.py" line="279"/>
        <source>导出失败，没有生成数据包：
{0}</source>
        <translation>The export failed; no packet was written:
{0}</translation>
    </message>
    <message>
        <location filename="../../ui/packets/export_dialog.py" line="291"/>
        <source>请先填写市局邮箱。</source>
        <translation>Enter the city&apos;s e-mail address first.</translation>
    </message>
    <message>
        <location filename="../../ui/packets/export_dialog.py" line="299"/>
        <source>无法生成邮件：
{0}</source>
        <translation>Cannot write the e-mail:
{0}</translation>
    </message>
    <message>
        <location filename="../../ui/packets/export_dialog.py" line="303"/>
        <source>已生成邮件草稿并用邮件程序打开：{0}</source>
        <translation>Mail draft written and opened in the mail program: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/packets/export_dialog.py" line="305"/>
        <source>已生成邮件草稿：{0}
没有找到能打开它的邮件程序，请把数据包作为附件手工发送。</source>
        <translation>Mail draft written: {0}
No mail program opened it; send the packet as an attachment by hand.</translation>
    </message>
</context>
<context>
    <name>FieldEditor</name>
    <message>
        <location filename="../../ui/editors/widgets.py" line="281"/>
        <source>手机号或区号-座机号，如 0311-8888888</source>
        <translation>Mobile number, or area code-landline number, e.g. 0311-8888888</translation>
    </message>
    <message>
        <location filename="../../ui/editors/widgets.py" line="315"/>
        <source>18位，如 91130125MA0XXXXXXX</source>
        <translation>18 characters, e.g. 91130125MA0XXXXXXX</translation>
    </message>
    <message>
        <location filename="../../ui/editors/widgets.py" line="405"/>
        <source>年-月-日</source>
        <translation>yyyy-mm-dd</translation>
    </message>
    <message>
        <location filename="../../ui/editors/widgets.py" line="412"/>
        <source>日历</source>
        <translation>Calendar</translation>
    </message>
    <message>
        <location filename="../../ui/editors/widgets.py" line="413"/>
        <source>从日历中选择日期</source>
        <translation>Pick a date from the calendar</translation>
    </message>
    <message>
        <location filename="../../ui/editors/widgets.py" line="498"/>
        <source>未填</source>
        <translation>Not filled in</translation>
    </message>
    <message>
        <location filename="../../ui/editors/widgets.py" line="544"/>
        <source>请选择</source>
        <translation>Please select</translation>
    </message>
    <message>
        <location filename="../../ui/editors/widgets.py" line="698"/>
        <source>用分号分隔</source>
        <translation>Separate with semicolons</translation>
    </message>
    <message>
        <location filename="../../ui/editors/widgets.py" line="736"/>
        <source>其他地点，用分号分隔</source>
        <translation>Other places, separated by semicolons</translation>
    </message>
    <message>
        <location filename="../../ui/editors/widgets.py" line="739"/>
        <source>乡镇名称，用分号分隔</source>
        <translation>Township names, separated by semicolons</translation>
    </message>
    <message>
        <location filename="../../ui/editors/widgets.py" line="753"/>
        <source>不在本单位乡镇名录中</source>
        <translation>Not in this office&apos;s list of townships</translation>
    </message>
    <message>
        <location filename="../../ui/editors/widgets.py" line="860"/>
        <source>输入{what}名称或编号查找</source>
        <translation>Search by {what} name or ID</translation>
    </message>
</context>
<context>
    <name>FilePage</name>
    <message>
        <location filename="../../ui/tables/wizard_file.py" line="68"/>
        <source>选择要导入的表格文件（Excel .xlsx、旧版 Excel .xls 或 CSV）。程序会找出表头所在的行，如果找错了，可以改“表头所在行”。这一步只读取文件，不写入任何数据。</source>
        <translation>Choose the spreadsheet to import (Excel .xlsx, old Excel .xls or CSV). The program finds the header row; if it picked the wrong one, change &quot;Header row&quot;. This step only reads the file and writes nothing.</translation>
    </message>
    <message>
        <location filename="../../ui/tables/wizard_file.py" line="77"/>
        <source>尚未选择文件</source>
        <translation>No file chosen yet</translation>
    </message>
    <message>
        <location filename="../../ui/tables/wizard_file.py" line="79"/>
        <source>选择文件…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <location filename="../../ui/tables/wizard_file.py" line="86"/>
        <source>工作表：</source>
        <translation>Sheet:</translation>
    </message>
    <message>
        <location filename="../../ui/tables/wizard_file.py" line="93"/>
        <source>表头所在行：</source>
        <translation>Header row:</translation>
    </message>
    <message>
        <location filename="../../ui/tables/wizard_file.py" line="136"/>
        <source>（隐藏）</source>
        <translation> (hidden)</translation>
    </message>
    <message>
        <location filename="../../ui/tables/wizard_file.py" line="146"/>
        <source>制表符</source>
        <translation>tab</translation>
    </message>
    <message>
        <location filename="../../ui/tables/wizard_file.py" line="146"/>
        <source>逗号</source>
        <translation>comma</translation>
    </message>
    <message>
        <location filename="../../ui/tables/wizard_file.py" line="146"/>
        <source>分号</source>
        <translation>semicolon</translation>
    </message>
    <message>
        <location filename="../../ui/tables/wizard_file.py" line="148"/>
        <source>CSV 编码：{0}；分隔符：{1}</source>
        <translation>CSV encoding: {0}; delimiter: {1}</translation>
    </message>
    <message>
        <location filename="../../ui/tables/wizard_file.py" line="151"/>
        <source>文件格式：{0}</source>
        <translation>File format: {0}</translation>
    </message>
</context>
<context>
    <name>FindBox</name>
    <message>
        <location filename="../../ui/find_box.py" line="87"/>
        <source>{0}（共 {1} 条）</source>
        <translation>{0} ({1} in all)</translation>
    </message>
    <message>
        <location filename="../../ui/find_box.py" line="99"/>
        <source>显示全部 {0} 条…</source>
        <translation>Show all {0}…</translation>
    </message>
    <message>
        <location filename="../../ui/find_box.py" line="146"/>
        <source>查找全部台账（{0}）</source>
        <translation>Find in all registers ({0})</translation>
    </message>
    <message>
        <location filename="../../ui/find_box.py" line="147"/>
        <source>按名称、编号、信用代码或拼音查找各类记录（{0}）</source>
        <translation>Find records of every register by name, ID, credit code or pinyin ({0})</translation>
    </message>
    <message>
        <location filename="../../ui/find_box.py" line="210"/>
        <source>正在查找…</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <location filename="../../ui/find_box.py" line="289"/>
        <source>没有找到“{0}”</source>
        <translation>Nothing found for “{0}”</translation>
    </message>
    <message>
        <location filename="../../ui/find_box.py" line="426"/>
        <source>查找</source>
        <translation>Find</translation>
    </message>
    <message>
        <location filename="../../ui/find_box.py" line="429"/>
        <source>查找全部台账…</source>
        <translation>Find in all registers…</translation>
    </message>
</context>
<context>
    <name>FinishPage</name>
    <message>
        <location filename="../../ui/tables/wizard_finish.py" line="43"/>
        <source>保存问题表…</source>
        <translation>Save problem workbook…</translation>
    </message>
    <message>
        <location filename="../../ui/tables/wizard_finish.py" line="45"/>
        <source>把有问题的单元格在您的文件中标出来并加批注，另附“问题清单”，改好后再导入</source>
        <translation>Marks the bad cells in your own file with a comment on each, plus a 问题清单 (problem list) sheet; fix them and import again</translation>
    </message>
    <message>
        <location filename="../../ui/tables/wizard_finish.py" line="48"/>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <location filename="../../ui/tables/wizard_finish.py" line="59"/>
        <source>有 {0} 行被拒绝，不能导入，什么也没有写入。</source>
        <translation>{0} rows are refused: nothing can be imported and nothing was written. </translation>
    </message>
    <message>
        <location filename="../../ui/tables/wizard_finish.py" line="61"/>
        <source>整个文件另有 {0} 个问题（见下）。</source>
        <translation>The file as a whole has {0} more problems (below). </translation>
    </message>
    <message>
        <location filename="../../ui/tables/wizard_finish.py" line="62"/>
        <source>请点“保存问题表…”，在保存的文件中按批注改好后重新导入。</source>
        <translation>Click &quot;Save problem workbook…&quot;, fix the file as its comments say, and import it again.</translation>
    </message>
    <message>
        <location filename="../../ui/tables/wizard_finish.py" line="65"/>
        <source>导入已完成，下面是导入前试导入的结果。</source>
        <translation>The import is done; below is the dry run it followed.</translation>
    </message>
    <message>
        <location filename="../../ui/tables/wizard_finish.py" line="66"/>
        <source>试导入没有发现问题。点“导入”写入登记册（一次全部写入，可以取消）。</source>
        <translation>The dry run found no problems. Click &quot;Import&quot; to write to the register (all in one go; it can be cancelled).</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <location filename="../../ui/editors/history.py" line="53"/>
        <source>新增</source>
        <translation>Created</translation>
    </message>
    <message>
        <location filename="../../ui/editors/history.py" line="54"/>
        <source>修改</source>
        <translation>Changed</translation>
    </message>
    <message>
        <location filename="../../ui/editors/history.py" line="55"/>
        <source>删除</source>
        <translation>Deleted</translation>
    </message>
    <message>
        <location filename="../../ui/editors/history.py" line="56"/>
        <source>恢复</source>
        <translation>Restored</translation>
    </message>
    <message>
        <location filename="../../ui/editors/history.py" line="57"/>
        <source>批量新增</source>
        <translation>Created in bulk</translation>
    </message>
    <message>
        <location filename="../../ui/editors/history.py" line="64"/>
        <source>（空）</source>
        <translation>(blank)</translation>
    </message>
    <message>
        <location filename="../../ui/editors/history.py" line="104"/>
        <source>共 {count} 条：{first} 至 {last}</source>
        <translation>{count} records: {first} to {last}</translation>
    </message>
    <message>
        <location filename="../../ui/editors/history.py" line="118"/>
        <source>修改历史 {id}</source>
        <translation>History of {id}</translation>
    </message>
    <message>
        <location filename="../../ui/editors/history.py" line="121"/>
        <source>记录 {id} 的全部修改（最新的在前）</source>
        <translation>All changes to record {id} (newest first)</translation>
    </message>
    <message>
        <location filename="../../ui/editors/history.py" line="127"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../ui/editors/history.py" line="127"/>
        <source>经办人</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <location filename="../../ui/editors/history.py" line="127"/>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../ui/editors/history.py" line="127"/>
        <source>版本</source>
        <translation>Revision</translation>
    </message>
    <message>
        <location filename="../../ui/editors/history.py" line="127"/>
        <source>修改内容</source>
        <translation>Changes</translation>
    </message>
    <message>
        <location filename="../../ui/editors/history.py" line="146"/>
        <source>……共 {n} 项</source>
        <translation>… {n} changes in all</translation>
    </message>
    <message>
        <location filename="../../ui/editors/history.py" line="169"/>
        <source>没有修改记录。</source>
        <translation>No changes recorded.</translation>
    </message>
    <message>
        <location filename="../../ui/editors/history.py" line="178"/>
        <source>此记录是成批写入的（演示数据或导入），成批写入只在日志中留一条汇总，不逐条记录新增时的内容。</source>
        <translation>This record was written in bulk (demo data or an import). A bulk write leaves one summary entry in the log; the contents of each new record are not logged.</translation>
    </message>
    <message>
        <location filename="../../ui/editors/history.py" line="184"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../ui/editors/history.py" line="197"/>
        <source>{time} {actor} {action}</source>
        <translation>{time} {actor} {action}</translation>
    </message>
    <message>
        <location filename="../../ui/editors/history.py" line="201"/>
        <source>系统用户：{user}</source>
        <translation>System user: {user}</translation>
    </message>
    <message>
        <location filename="../../ui/editors/history.py" line="203"/>
        <source>单位：{office}</source>
        <translation>Office: {office}</translation>
    </message>
    <message>
        <location filename="../../ui/editors/history.py" line="205"/>
        <source>版本：{rev}</source>
        <translation>Revision: {rev}</translation>
    </message>
    <message>
        <location filename="../../ui/editors/history.py" line="209"/>
        <source>备注：{note}</source>
        <translation>Note: {note}</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../ui/packets/import_dialog.py" line="100"/>
        <source>导入数据包</source>
        <translation>Import packets</translation>
    </message>
    <message>
        <location filename="../../ui/packets/import_dialog.py" line="107"/>
        <source>每个数据包先试导入（只检查，不写入）。核对下表后勾选要合并的数据包，再点“合并所选”。也可以把更多数据包文件拖到这里。</source>
        <translation>Each packet is dry-run first (checked, nothing written). Review the table, tick the packets to merge, then click “Merge selected”. More packet files can be dropped here.</translation>
    </message>
    <message>
        <location filename="../../ui/packets/import_dialog.py" line="111"/>
        <source>添加文件…</source>
        <translation>Add files…</translation>
    </message>
    <message>
        <location filename="../../ui/packets/import_dialog.py" line="117"/>
        <source>合并</source>
        <translation>Merge</translation>
    </message>
    <message>
        <location filename="../../ui/packets/import_dialog.py" line="117"/>
        <source>单位</source>
        <translation>Office</translation>
    </message>
    <message>
        <location filename="../../ui/packets/import_dialog.py" line="117"/>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../ui/packets/import_dialog.py" line="117"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/packets/import_dialog.py" line="117"/>
        <location filename="../../ui/packets/import_dialog.py" line="152"/>
        <source>新增</source>
        <translation>New</translation>
    </message>
    <message>
        <location filename="../../ui/packets/import_dialog.py" line="118"/>
        <location filename="../../ui/packets/import_dialog.py" line="152"/>
        <source>修改</source>
        <translation>Changed</translation>
    </message>
    <message>
        <location filename="../../ui/packets/import_dialog.py" line="118"/>
        <location filename="../../ui/packets/import_dialog.py" line="152"/>
        <source>删除</source>
        <translation>Deleted</translation>
    </message>
    <message>
        <location filename="../../ui/packets/import_dialog.py" line="118"/>
        <location filename="../../ui/packets/import_dialog.py" line="152"/>
        <source>未变</source>
        <translation>Unchanged</translation>
    </message>
    <message>
        <location filename="../../ui/packets/import_dialog.py" line="118"/>
        <location filename="../../ui/packets/import_dialog.py" line="153"/>
        <location filename="../../ui/packets/import_dialog.py" line="337"/>
        <source>拒绝</source>
        <translation>Refused</translation>
    </message>
    <message>
        <location filename="../../ui/packets/import_dialog.py" line="118"/>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../../ui/packets/import_dialog.py" line="123"/>
        <source>所选数据包</source>
        <translation>Selected packet</translation>
    </message>
    <message>
        <location filename="../../ui/packets/import_dialog.py" line="144"/>
        <source>已与县局核对指纹</source>
        <translation>Fingerprint checked with the county</translation>
    </message>
    <message>
        <location filename="../../ui/packets/import_dialog.py" line="152"/>
        <source>登记册</source>
        <translation>Register</translation>
    </message>
    <message>
        <location filename="../../ui/packets/import_dialog.py" line="167"/>
        <location filename="../../ui/packets/import_dialog.py" line="491"/>
        <source>接受导出后的修改</source>
        <translation>Accept changes made after export</translation>
    </message>
    <message>
        <location filename="../../ui/packets/import_dialog.py" line="170"/>
        <source>数据包导出后在 Excel 中被改过时会被拒绝；确认修改是县局有意为之后，可以接受修改后的内容</source>
        <translation>A packet changed in Excel after export is refused; once the county confirms the changes were intended, the changed content can be accepted</translation>
    </message>
    <message>
        <location filename="../../ui/packets/import_dialog.py" line="172"/>
        <source>重新登记…</source>
        <translation>Re-enrol…</translation>
    </message>
    <message>
        <location filename="../../ui/packets/import_dialog.py" line="174"/>
        <source>县局更换了电脑或重装了程序、密钥变了时，核实后重新登记其公钥</source>
        <translation>When a county has a new PC or reinstalled the program and its key changed: check, then enrol its new key</translation>
    </message>
    <message>
        <location filename="../../ui/packets/import_dialog.py" line="176"/>
        <source>保存问题工作簿…</source>
        <translation>Save problem workbook…</translation>
    </message>
    <message>
        <location filename="../../ui/packets/import_dialog.py" line="178"/>
        <source>把有问题的单元格标出来，发回县局修改</source>
        <translation>Mark the problem cells, to send back to the county for fixing</translation>
    </message>
    <message>
        <location filename="../../ui/packets/import_dialog.py" line="199"/>
        <location filename="../../ui/packets/import_dialog.py" line="551"/>
        <source>合并所选</source>
        <translation>Merge selected</translation>
    </message>
    <message>
        <location filename="../../ui/packets/import_dialog.py" line="202"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../ui/packets/import_dialog.py" line="237"/>
        <source>选择数据包</source>
        <translation>Choose packets</translation>
    </message>
    <message>
        <location filename="../../ui/packets/import_dialog.py" line="237"/>
        <source>Excel 数据包 (*.xlsx)</source>
        <translation>Excel packets (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../ui/packets/import_dialog.py" line="273"/>
        <source>正在试导入 {0} 个数据包……</source>
        <translation>Dry-running {0} packet(s)…</translation>
    </message>
    <message>
        <location filename="../../ui/packets/import_dialog.py" line="274"/>
        <source>试导入数据包</source>
        <translation>Dry-run packets</translation>
    </message>
    <message>
        <location filename="../../ui/packets/import_dialog.py" line="301"/>
        <source>已取消试导入</source>
        <translation>Dry run cancelled</translation>
    </message>
    <message>
        <location filename="../../ui/packets/import_dialog.py" line="317"/>
        <source>共 {0} 个数据包：勾选合并 {1} 个，拒绝 {2} 个。</source>
        <translation>{0} packet(s): {1} ticked to merge, {2} refused.</translation>
    </message>
    <message>
        <location filename="../../ui/packets/import_dialog.py" line="320"/>
        <source>{0} 个数据包需要先核对公钥指纹。</source>
        <translation> {0} packet(s) need their key fingerprint checked first.</translation>
    </message>
    <message>
        <location filename="../../ui/packets/import_dialog.py" line="328"/>
        <source>正在试导入…</source>
        <translation>Dry run…</translation>
    </message>
    <message>
        <location filename="../../ui/packets/import_dialog.py" line="330"/>
        <source>未试导入</source>
        <translation>Not dry-run</translation>
    </message>
    <message>
        <location filename="../../ui/packets/import_dialog.py" line="330"/>
        <source>无法读取</source>
        <translation>Unreadable</translation>
    </message>
    <message>
        <location filename="../../ui/packets/import_dialog.py" line="333"/>
        <source>可以合并（待核对指纹）</source>
        <translation>Can be merged (check fingerprint)</translation>
    </message>
    <message>
        <location filename="../../ui/packets/import_dialog.py" line="334"/>
        <source>可以合并</source>
        <translation>Can be merged</translation>
    </message>
    <message>
        <location filename="../../ui/packets/import_dialog.py" line="336"/>
        <source>无需导入</source>
        <translation>Nothing to do</translation>
    </message>
    <message>
        <location filename="../../ui/packets/import_dialog.py" line="352"/>
        <source>先与县局电话核对公钥指纹，勾选“已与县局核对指纹”后才能合并</source>
        <translation>Check the key fingerprint with the county by phone and tick “Fingerprint checked with the county” before merging</translation>
    </message>
    <message>
        <location filename="../../ui/packets/import_dialog.py" line="354"/>
        <source>被拒绝的数据包不能合并</source>
        <translation>A refused packet cannot be merged</translation>
    </message>
    <message>
        <location filename="../../ui/packets/import_dialog.py" line="360"/>
        <source>第 {0} 号</source>
        <translation>No. {0}</translation>
    </message>
    <message>
        <location filename="../../ui/packets/import_dialog.py" line="406"/>
        <source>选择上面的一个数据包，查看试导入的结果。</source>
        <translation>Select a packet above to see its dry run.</translation>
    </message>
    <message>
        <location filename="../../ui/packets/import_dialog.py" line="407"/>
        <source>没有数据包。点“添加文件…”或把数据包文件拖到这里。</source>
        <translation>No packets. Click “Add files…” or drop packet files here.</translation>
    </message>
    <message>
        <location filename="../../ui/packets/import_dialog.py" line="409"/>
        <source>正在试导入……</source>
        <translation>Dry run in progress…</translation>
    </message>
    <message>
        <location filename="../../ui/packets/import_dialog.py" line="411"/>
        <source>无法读取 {0}：
{1}</source>
        <translation>Cannot read {0}:
{1}</translation>
    </message>
    <message>
        <location filename="../../ui/packets/import_dialog.py" line="421"/>
        <source>重新登记：{0}的数据包使用了新的密钥。请打电话给县局，请对方读出其数据包封面上的“签名公钥指纹”，与下面的指纹逐字核对，一致后再勾选。</source>
        <translation>Re-enrolment: the packet of {0} is signed with a new key. Phone the county, have them read out the key fingerprint on the packet&apos;s cover sheet, compare it with the one below character by character, and tick only if they match.</translation>
    </message>
    <message>
        <location filename="../../ui/packets/import_dialog.py" line="425"/>
        <source>首次收到{0}的数据包，合并时将登记其公钥。请打电话给县局，请对方读出其数据包封面上的“签名公钥指纹”，与下面的指纹逐字核对，一致后再勾选。</source>
        <translation>First packet of {0}: its key will be enrolled on merging. Phone the county, have them read out the key fingerprint on the packet&apos;s cover sheet, compare it with the one below character by character, and tick only if they match.</translation>
    </message>
    <message>
        <location filename="../../ui/packets/import_dialog.py" line="492"/>
        <source>这个数据包在导出后被人修改过（{0} 处单元格）。数据包应当原样报送；只有在与县局核实、确认这些修改是县局有意为之后，才能接受。

按修改后的内容重新试导入吗？</source>
        <translation>This packet was changed after export ({0} cells). Packets should be sent as exported; accept the changes only after the county has confirmed it made them on purpose.

Dry-run the packet again with the changed content?</translation>
    </message>
    <message>
        <location filename="../../ui/packets/import_dialog.py" line="509"/>
        <source>重新登记</source>
        <translation>Re-enrol</translation>
    </message>
    <message>
        <location filename="../../ui/packets/import_dialog.py" line="510"/>
        <source>{0}的数据包使用了另一把密钥签名：
新指纹 {1}
已登记 {2}

只有在县局确已更换电脑或重装程序时才应重新登记。重新登记后，合并时将用新密钥替换已登记的密钥，合并前还需与县局电话核对新指纹。

重新登记并重新试导入吗？</source>
        <translation>The packet of {0} is signed with another key:
new fingerprint {1}
enrolled {2}

Re-enrol only if the county really has a new PC or reinstalled the program. On merging, the new key replaces the enrolled one; check the new fingerprint with the county by phone first.

Re-enrol and dry-run again?</translation>
    </message>
    <message>
        <location filename="../../ui/packets/import_dialog.py" line="529"/>
        <location filename="../../ui/packets/import_dialog.py" line="538"/>
        <source>保存问题工作簿</source>
        <translation>Save problem workbook</translation>
    </message>
    <message>
        <location filename="../../ui/packets/import_dialog.py" line="529"/>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbooks (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../ui/packets/import_dialog.py" line="538"/>
        <source>无法保存：
{0}</source>
        <translation>Cannot save:
{0}</translation>
    </message>
    <message>
        <location filename="../../ui/packets/import_dialog.py" line="540"/>
        <source>已保存问题工作簿：{0}</source>
        <translation>Problem workbook saved: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/packets/import_dialog.py" line="551"/>
        <source>没有勾选可以合并的数据包。</source>
        <translation>No packet that can be merged is ticked.</translation>
    </message>
    <message>
        <location filename="../../ui/packets/import_dialog.py" line="553"/>
        <source>正在合并 {0} 个数据包……</source>
        <translation>Merging {0} packet(s)…</translation>
    </message>
    <message>
        <location filename="../../ui/packets/import_dialog.py" line="554"/>
        <location filename="../../ui/packets/import_dialog.py" line="584"/>
        <location filename="../../ui/packets/import_dialog.py" line="595"/>
        <source>合并数据包</source>
        <translation>Merge packets</translation>
    </message>
    <message>
        <location filename="../../ui/packets/import_dialog.py" line="567"/>
        <source>{0} 第 {1} 号：已合并（新增 {2}，修改 {3}，删除 {4}）</source>
        <translation>{0} no. {1}: merged ({2} new, {3} changed, {4} deleted)</translation>
    </message>
    <message>
        <location filename="../../ui/packets/import_dialog.py" line="571"/>
        <source>{0} 第 {1} 号：试导入之后情况有变，未合并，请查看重新试导入的结果</source>
        <translation>{0} no. {1}: changed since the dry run, not merged; see the new dry run</translation>
    </message>
    <message>
        <location filename="../../ui/packets/import_dialog.py" line="574"/>
        <source>{0} 第 {1} 号：已取消，未合并</source>
        <translation>{0} no. {1}: cancelled, not merged</translation>
    </message>
    <message>
        <location filename="../../ui/packets/import_dialog.py" line="576"/>
        <source>{0} 第 {1} 号：合并失败，未写入：{2}</source>
        <translation>{0} no. {1}: the merge failed, nothing written: {2}</translation>
    </message>
    <message>
        <location filename="../../ui/packets/import_dialog.py" line="585"/>
        <source>合并了 {0} 个数据包，共 {1} 个。</source>
        <translation>{0} of {1} packet(s) merged.</translation>
    </message>
    <message>
        <location filename="../../ui/packets/import_dialog.py" line="595"/>
        <source>合并失败：
{0}</source>
        <translation>The merge failed:
{0}</translation>
    </message>
</context>
<context>
    <name>ImportPlan</name>
    <message>
        <location filename="../../ui/tables/wizard_plan.py" line="47"/>
        <source>新增</source>
        <translation>New</translation>
    </message>
    <message>
        <location filename="../../ui/tables/wizard_plan.py" line="49"/>
        <source>更新</source>
        <translation>Updated</translation>
    </message>
    <message>
        <location filename="../../ui/tables/wizard_plan.py" line="51"/>
        <source>未变</source>
        <translation>Unchanged</translation>
    </message>
    <message>
        <location filename="../../ui/tables/wizard_plan.py" line="53"/>
        <source>跳过（不改已有）</source>
        <translation>Skipped (existing left alone)</translation>
    </message>
    <message>
        <location filename="../../ui/tables/wizard_plan.py" line="54"/>
        <source>拒绝</source>
        <translation>Refused</translation>
    </message>
    <message>
        <location filename="../../ui/tables/wizard_plan.py" line="66"/>
        <source>行</source>
        <translation>Row</translation>
    </message>
    <message>
        <location filename="../../ui/tables/wizard_plan.py" line="67"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/tables/wizard_plan.py" line="68"/>
        <source>记录</source>
        <translation>Record</translation>
    </message>
    <message>
        <location filename="../../ui/tables/wizard_plan.py" line="69"/>
        <source>说明</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../ui/tables/wizard_plan.py" line="114"/>
        <source>编号</source>
        <translation>ID</translation>
    </message>
    <message>
        <location filename="../../ui/tables/wizard_plan.py" line="119"/>
        <source>（空）</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <location filename="../../ui/tables/wizard_plan.py" line="139"/>
        <source>已有记录，按所选方式不修改</source>
        <translation>An existing record, left alone as chosen</translation>
    </message>
    <message>
        <location filename="../../ui/tables/wizard_plan.py" line="140"/>
        <source>与已有记录相同</source>
        <translation>Same as the existing record</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <location filename="../../ui/tables/import_wizard.py" line="90"/>
        <source>导入表格：{0}</source>
        <translation>Import spreadsheet: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/tables/import_wizard.py" line="123"/>
        <source>&lt; 上一步</source>
        <translation>&lt; Back</translation>
    </message>
    <message>
        <location filename="../../ui/tables/import_wizard.py" line="126"/>
        <source>下一步 &gt;</source>
        <translation>Next &gt;</translation>
    </message>
    <message>
        <location filename="../../ui/tables/import_wizard.py" line="130"/>
        <location filename="../../ui/tables/import_wizard.py" line="189"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../ui/tables/import_wizard.py" line="183"/>
        <source>选择文件</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../../ui/tables/import_wizard.py" line="183"/>
        <source>对应字段</source>
        <translation>Columns</translation>
    </message>
    <message>
        <location filename="../../ui/tables/import_wizard.py" line="183"/>
        <source>对应值</source>
        <translation>Values</translation>
    </message>
    <message>
        <location filename="../../ui/tables/import_wizard.py" line="183"/>
        <location filename="../../ui/tables/import_wizard.py" line="355"/>
        <source>试导入</source>
        <translation>Dry run</translation>
    </message>
    <message>
        <location filename="../../ui/tables/import_wizard.py" line="183"/>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <location filename="../../ui/tables/import_wizard.py" line="189"/>
        <source>完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../ui/tables/import_wizard.py" line="199"/>
        <source>条件已改变，请重新试导入。</source>
        <translation>The choices changed: run the dry run again.</translation>
    </message>
    <message>
        <location filename="../../ui/tables/import_wizard.py" line="206"/>
        <source>选择要导入的表格</source>
        <translation>Choose the spreadsheet to import</translation>
    </message>
    <message>
        <location filename="../../ui/tables/import_wizard.py" line="207"/>
        <source>表格文件 (*.xlsx *.xls *.csv);;所有文件 (*)</source>
        <translation>Spreadsheets (*.xlsx *.xls *.csv);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../ui/tables/import_wizard.py" line="230"/>
        <source>正在读取 {0}……</source>
        <translation>Reading {0}…</translation>
    </message>
    <message>
        <location filename="../../ui/tables/import_wizard.py" line="231"/>
        <source>读取表格</source>
        <translation>Reading the spreadsheet</translation>
    </message>
    <message>
        <location filename="../../ui/tables/import_wizard.py" line="245"/>
        <source>请在“表头所在行”中指定表头所在的行。</source>
        <translation>Give the row of the header in &quot;Header row&quot;.</translation>
    </message>
    <message>
        <location filename="../../ui/tables/import_wizard.py" line="265"/>
        <source>表头：第 {0} 行（您指定的）</source>
        <translation>Header: row {0} (chosen by you)</translation>
    </message>
    <message>
        <location filename="../../ui/tables/import_wizard.py" line="268"/>
        <source>数据 {0} 行；略过 {1} 行（标题、空行、合计等）。</source>
        <translation>{0} data rows; {1} rows left out (titles, blank rows, totals…).</translation>
    </message>
    <message>
        <location filename="../../ui/tables/import_wizard.py" line="310"/>
        <source>保存映射</source>
        <translation>Save mapping</translation>
    </message>
    <message>
        <location filename="../../ui/tables/import_wizard.py" line="310"/>
        <source>映射的名称：</source>
        <translation>Name of the mapping:</translation>
    </message>
    <message>
        <location filename="../../ui/tables/import_wizard.py" line="322"/>
        <source>已保存映射“{0}”。</source>
        <translation>Mapping &quot;{0}&quot; saved.</translation>
    </message>
    <message>
        <location filename="../../ui/tables/import_wizard.py" line="352"/>
        <source>正在试导入……</source>
        <translation>Dry run in progress…</translation>
    </message>
    <message>
        <location filename="../../ui/tables/import_wizard.py" line="353"/>
        <source>正在试导入 {0} 行……</source>
        <translation>Dry run of {0} rows…</translation>
    </message>
    <message>
        <location filename="../../ui/tables/import_wizard.py" line="363"/>
        <source>试导入完成，没有写入任何数据。</source>
        <translation>Dry run done; nothing was written.</translation>
    </message>
    <message>
        <location filename="../../ui/tables/import_wizard.py" line="373"/>
        <source>正在导入……</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <location filename="../../ui/tables/import_wizard.py" line="374"/>
        <source>导入表格</source>
        <translation>Importing the spreadsheet</translation>
    </message>
    <message>
        <location filename="../../ui/tables/import_wizard.py" line="382"/>
        <source>已导入“{0}”：新增 {1} 条，更新 {2} 条。</source>
        <translation>Imported &quot;{0}&quot;: {1} new, {2} updated.</translation>
    </message>
    <message>
        <location filename="../../ui/tables/import_wizard.py" line="392"/>
        <source>已取消导入，没有写入任何数据。</source>
        <translation>Import cancelled; nothing was written.</translation>
    </message>
    <message>
        <location filename="../../ui/tables/import_wizard.py" line="394"/>
        <source>导入失败，没有写入任何数据：
{0}
请返回上一步重新试导入。</source>
        <translation>The import failed and nothing was written:
{0}
Go back a step and run the dry run again.</translation>
    </message>
    <message>
        <location filename="../../ui/tables/import_wizard.py" line="405"/>
        <location filename="../../ui/tables/import_wizard.py" line="413"/>
        <source>保存问题表</source>
        <translation>Save problem workbook</translation>
    </message>
    <message>
        <location filename="../../ui/tables/import_wizard.py" line="413"/>
        <source>无法保存：
{0}</source>
        <translation>Could not save:
{0}</translation>
    </message>
    <message>
        <location filename="../../ui/tables/import_wizard.py" line="416"/>
        <source>已保存问题表：{0}</source>
        <translation>Problem workbook saved: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/tables/import_wizard.py" line="423"/>
        <source>已取消。</source>
        <translation>Cancelled.</translation>
    </message>
    <message>
        <location filename="../../ui/tables/import_button.py" line="33"/>
        <source>导入表格…</source>
        <translation>Import spreadsheet…</translation>
    </message>
    <message>
        <location filename="../../ui/tables/import_button.py" line="35"/>
        <source>把本单位自己的 Excel/WPS 表格或 CSV 导入这个登记册（先试导入，确认后才写入）</source>
        <translation>Bring the office&apos;s own Excel/WPS sheet or CSV into this register (a dry run first; nothing is written until you confirm)</translation>
    </message>
</context>
<context>
    <name>Job</name>
    <message>
        <location filename="../../ui/operations.py" line="91"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>LedgerUndo</name>
    <message>
        <location filename="../../ui/undo.py" line="33"/>
        <source>重做</source>
        <translation>Redo</translation>
    </message>
    <message>
        <location filename="../../ui/undo.py" line="36"/>
        <source>撤销</source>
        <translation>Undo</translation>
    </message>
    <message>
        <location filename="../../ui/undo.py" line="68"/>
        <source>无法{0}：{1}</source>
        <translation>{0} failed: {1}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="90"/>
        <source>撤销/重做</source>
        <translation>Undo/Redo</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="108"/>
        <source>地标台账 — {0}（{1}）</source>
        <translation>GI Ledger — {0} ({1})</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="117"/>
        <source>小型</source>
        <translation>small</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="117"/>
        <source>大型</source>
        <translation>large</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="118"/>
        <source>演示数据（{0}）：不是真实台账，请勿用于报送。</source>
        <translation>Demo data ({0}): not a real ledger. Do not use it for reporting.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="119"/>
        <source>培训数据库：不是真实台账，请勿用于报送。</source>
        <translation>Training database: not a real ledger, do not use it for reporting.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="151"/>
        <source>县级模式</source>
        <translation>county mode</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="151"/>
        <source>市级模式</source>
        <translation>city mode</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="152"/>
        <source>省级模式</source>
        <translation>province mode</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="153"/>
        <source>{0} {1} · {2} · 经办人 {3}</source>
        <translation>{0} {1} · {2} · clerk {3}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="188"/>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="189"/>
        <source>新增记录</source>
        <translation>New record</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="174"/>
        <location filename="../../ui/main_window.py" line="191"/>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="195"/>
        <source>退出</source>
        <translation>Exit</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="199"/>
        <source>编辑(&amp;E)</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="200"/>
        <source>撤销</source>
        <translation>Undo</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="202"/>
        <source>重做</source>
        <translation>Redo</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="208"/>
        <source>查找</source>
        <translation>Find</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="210"/>
        <source>删除所选记录</source>
        <translation>Delete selected records</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="213"/>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="214"/>
        <location filename="../../ui/main_window.py" line="568"/>
        <source>关于地标台账</source>
        <translation>About GI Ledger</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="287"/>
        <source>流程视图</source>
        <translation>Pipeline view</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="293"/>
        <source>报送情况</source>
        <translation>Submission status</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="460"/>
        <source>切换语言</source>
        <translation>Switch language</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="461"/>
        <source>请先关闭“{0}”窗口，再切换语言。</source>
        <translation>Close the “{0}” window first, then switch the language.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="462"/>
        <source>还有工作正在进行，请等它完成后再切换语言。</source>
        <translation>Work is still running; switch the language when it has finished.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="522"/>
        <location filename="../../ui/main_window.py" line="531"/>
        <source>正在处理</source>
        <translation>Work in progress</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="523"/>
        <source>还有 {0} 项工作正在进行（如导出、导入、检查）。取消这些工作并退出吗？已取消的工作不会改动数据。</source>
        <translation>{0} task(s) are still running (such as an export, an import or a check). Cancel them and quit? A cancelled task changes no data.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="532"/>
        <source>工作未能及时停止，请稍后再退出。</source>
        <translation>The tasks did not stop in time; please try quitting again shortly.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="569"/>
        <source>&lt;h3&gt;地标台账 GI Ledger {0}&lt;/h3&gt;&lt;p&gt;地理标志工作台账：资源普查、培育名录、专用标志使用与统计。&lt;/p&gt;&lt;p&gt;数据库：{1}&lt;/p&gt;</source>
        <translation>&lt;h3&gt;GI Ledger {0}&lt;/h3&gt;&lt;p&gt;Working ledger for geographical indications: resource survey, cultivation list, use of the GI mark and statistics.&lt;/p&gt;&lt;p&gt;Database: {1}&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>MappingPage</name>
    <message>
        <location filename="../../ui/tables/wizard_mapping.py" line="65"/>
        <source>核对每一列导入到哪个字段。程序按表头猜出的字段已选好，右边是依据；不需要的列选“不导入”。</source>
        <translation>Check the field each column goes to. The field guessed from the header is chosen, with the reason on the right; choose &quot;Not imported&quot; for columns you do not need.</translation>
    </message>
    <message>
        <location filename="../../ui/tables/wizard_mapping.py" line="71"/>
        <source>已保存的映射：</source>
        <translation>Saved mappings:</translation>
    </message>
    <message>
        <location filename="../../ui/tables/wizard_mapping.py" line="82"/>
        <source>保存映射…</source>
        <translation>Save mapping…</translation>
    </message>
    <message>
        <location filename="../../ui/tables/wizard_mapping.py" line="84"/>
        <source>以后导入表头相同的文件时，自动使用这个映射</source>
        <translation>Used again for files with the same headers</translation>
    </message>
    <message>
        <location filename="../../ui/tables/wizard_mapping.py" line="90"/>
        <source>列</source>
        <translation>Column</translation>
    </message>
    <message>
        <location filename="../../ui/tables/wizard_mapping.py" line="90"/>
        <source>表头</source>
        <translation>Header</translation>
    </message>
    <message>
        <location filename="../../ui/tables/wizard_mapping.py" line="90"/>
        <source>示例值</source>
        <translation>Sample values</translation>
    </message>
    <message>
        <location filename="../../ui/tables/wizard_mapping.py" line="90"/>
        <source>导入到字段</source>
        <translation>Import into field</translation>
    </message>
    <message>
        <location filename="../../ui/tables/wizard_mapping.py" line="90"/>
        <source>依据</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../ui/tables/wizard_mapping.py" line="104"/>
        <source>（不使用）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../../ui/tables/wizard_mapping.py" line="112"/>
        <source>已找到为相同表头保存的映射，并已应用“{0}”。</source>
        <translation>A mapping saved for the same headers was found; &quot;{0}&quot; is applied.</translation>
    </message>
    <message>
        <location filename="../../ui/tables/wizard_mapping.py" line="114"/>
        <source>有 {0} 个为相同表头保存的映射，可以选用。</source>
        <translation>{0} mappings were saved for the same headers; you can pick one.</translation>
    </message>
    <message>
        <location filename="../../ui/tables/wizard_mapping.py" line="126"/>
        <source>（无表头）</source>
        <translation>(no header)</translation>
    </message>
    <message>
        <location filename="../../ui/tables/wizard_mapping.py" line="132"/>
        <source>不导入</source>
        <translation>Not imported</translation>
    </message>
    <message>
        <location filename="../../ui/tables/wizard_mapping.py" line="134"/>
        <source>编号（记录号）</source>
        <translation>ID (record number)</translation>
    </message>
    <message>
        <location filename="../../ui/tables/wizard_mapping.py" line="145"/>
        <source>（把握 {0}%）</source>
        <translation> ({0}% sure)</translation>
    </message>
    <message>
        <location filename="../../ui/tables/wizard_mapping.py" line="156"/>
        <source>必填字段没有对应的列：{0}。新增的记录会因此被拒绝（只更新已有记录时可以不管）。</source>
        <translation>Required fields without a column: {0}. New records will be refused for that (no matter when only updating existing records).</translation>
    </message>
    <message>
        <location filename="../../ui/tables/wizard_mapping.py" line="160"/>
        <source>所有必填字段都有对应的列。</source>
        <translation>Every required field has a column.</translation>
    </message>
</context>
<context>
    <name>PacketsPage</name>
    <message>
        <location filename="../../ui/pages/packets_page.py" line="100"/>
        <source>导出数据包</source>
        <translation>Export packet</translation>
    </message>
    <message>
        <location filename="../../ui/pages/packets_page.py" line="104"/>
        <source>导入数据包</source>
        <translation>Import packets</translation>
    </message>
    <message>
        <location filename="../../ui/pages/packets_page.py" line="139"/>
        <source>下级单位报送情况</source>
        <translation>Offices below: what they sent</translation>
    </message>
    <message>
        <location filename="../../ui/pages/packets_page.py" line="142"/>
        <location filename="../../ui/pages/packets_page.py" line="150"/>
        <source>单位</source>
        <translation>Office</translation>
    </message>
    <message>
        <location filename="../../ui/pages/packets_page.py" line="142"/>
        <source>已合并至</source>
        <translation>Merged up to</translation>
    </message>
    <message>
        <location filename="../../ui/pages/packets_page.py" line="142"/>
        <source>最近合并时间</source>
        <translation>Last merged</translation>
    </message>
    <message>
        <location filename="../../ui/pages/packets_page.py" line="142"/>
        <source>公钥指纹</source>
        <translation>Key fingerprint</translation>
    </message>
    <message>
        <location filename="../../ui/pages/packets_page.py" line="143"/>
        <source>公钥登记时间</source>
        <translation>Key enrolled</translation>
    </message>
    <message>
        <location filename="../../ui/pages/packets_page.py" line="147"/>
        <source>数据包记录</source>
        <translation>Packet log</translation>
    </message>
    <message>
        <location filename="../../ui/pages/packets_page.py" line="150"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../ui/pages/packets_page.py" line="150"/>
        <source>方向</source>
        <translation>Direction</translation>
    </message>
    <message>
        <location filename="../../ui/pages/packets_page.py" line="150"/>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/packets_page.py" line="150"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/pages/packets_page.py" line="151"/>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../../ui/pages/packets_page.py" line="160"/>
        <source>打开所在文件夹</source>
        <translation>Open containing folder</translation>
    </message>
    <message>
        <location filename="../../ui/pages/packets_page.py" line="84"/>
        <source>&lt;h3&gt;数据包&lt;/h3&gt;&lt;p&gt;把本单位的全部台账导出为一个签名的 Excel 数据包，通过邮件报送市局。每次导出的都是完整的台账，序号逐次加一；市局导入时会检查签名和序号。&lt;/p&gt;&lt;p&gt;市局发回的回执、参考数据包和恢复数据包，用“导入市局文件…”导入，也可以把文件直接拖到窗口上；导入前会先试导入，显示文件的内容。&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Packets&lt;/h3&gt;&lt;p&gt;Export this office&apos;s whole ledger as a signed Excel packet and e-mail it to the city. Every export holds the complete ledger and the next number; the city checks the signature and the number on import.&lt;/p&gt;&lt;p&gt;Receipts, reference packets and restore packets the city sends back are imported with “Import city files…”, or by dropping them on the window; each is dry-run first and shown before it is imported.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/pages/packets_page.py" line="90"/>
        <source>&lt;h3&gt;数据包&lt;/h3&gt;&lt;p&gt;导入下级单位报送的 Excel 数据包：先试导入检查，核对后再合并。可以一次选择多个文件，也可以把数据包文件直接拖到窗口上。&lt;/p&gt;&lt;p&gt;合并后可以为数据包生成回执发回下级单位；下级单位的电脑损坏时，为其生成恢复数据包；本单位自有的记录（已保护地理标志、抽查计划等）用参考数据包下发。&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Packets&lt;/h3&gt;&lt;p&gt;Import the Excel packets of the offices below: each is dry-run and checked first, and merged after review. Several files can be chosen at once, or dropped on the window.&lt;/p&gt;&lt;p&gt;After a merge, make a receipt to send back to the office; when an office&apos;s PC is broken or lost, make a restore packet for it; this office&apos;s own records (protected GIs, inspection plans, …) go down in a reference packet.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/pages/packets_page.py" line="114"/>
        <source>导入市局文件…</source>
        <translation>Import city files…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/packets_page.py" line="115"/>
        <source>导入市局发回的回执、参考数据包或恢复数据包</source>
        <translation>Import a receipt, reference packet or restore packet sent by the city</translation>
    </message>
    <message>
        <location filename="../../ui/pages/packets_page.py" line="119"/>
        <source>生成回执…</source>
        <translation>Make receipt…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/packets_page.py" line="120"/>
        <source>为下面“数据包记录”中选中的收到的数据包生成回执；没有选中时选择数据包文件</source>
        <translation>Make the receipt for the received packet selected in the “Packet log” below; with none selected, choose the packet file</translation>
    </message>
    <message>
        <location filename="../../ui/pages/packets_page.py" line="122"/>
        <source>生成恢复数据包…</source>
        <translation>Make restore packet…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/packets_page.py" line="123"/>
        <source>为下面“下级单位报送情况”中选中的单位生成恢复数据包，用于重建其损坏或丢失的数据库</source>
        <translation>Make a restore packet for the office selected in “Offices below” to rebuild its broken or lost database</translation>
    </message>
    <message>
        <location filename="../../ui/pages/packets_page.py" line="125"/>
        <source>生成参考数据包…</source>
        <translation>Make reference packet…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/packets_page.py" line="126"/>
        <source>把本单位自有的记录（已保护地理标志、抽查计划与任务等）下发给下级单位</source>
        <translation>Send this office&apos;s own records (protected GIs, inspection plans and tasks, …) to the offices below</translation>
    </message>
    <message>
        <location filename="../../ui/pages/packets_page.py" line="186"/>
        <source>发出</source>
        <translation>Sent</translation>
    </message>
    <message>
        <location filename="../../ui/pages/packets_page.py" line="186"/>
        <source>收到</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../ui/pages/packets_page.py" line="186"/>
        <location filename="../../ui/pages/packets_page.py" line="195"/>
        <source>回执</source>
        <translation>Receipt</translation>
    </message>
    <message>
        <location filename="../../ui/pages/packets_page.py" line="187"/>
        <source>恢复包</source>
        <translation>Restore packet</translation>
    </message>
    <message>
        <location filename="../../ui/pages/packets_page.py" line="187"/>
        <source>参考包</source>
        <translation>Reference packet</translation>
    </message>
    <message>
        <location filename="../../ui/pages/packets_page.py" line="190"/>
        <source>已导出</source>
        <translation>Exported</translation>
    </message>
    <message>
        <location filename="../../ui/pages/packets_page.py" line="190"/>
        <source>已收到回执</source>
        <translation>Receipt received</translation>
    </message>
    <message>
        <location filename="../../ui/pages/packets_page.py" line="191"/>
        <source>已合并</source>
        <translation>Merged</translation>
    </message>
    <message>
        <location filename="../../ui/pages/packets_page.py" line="191"/>
        <source>无需导入</source>
        <translation>Nothing to do</translation>
    </message>
    <message>
        <location filename="../../ui/pages/packets_page.py" line="192"/>
        <source>拒绝</source>
        <translation>Refused</translation>
    </message>
    <message>
        <location filename="../../ui/pages/packets_page.py" line="192"/>
        <source>已恢复</source>
        <translation>Restored</translation>
    </message>
    <message>
        <location filename="../../ui/pages/packets_page.py" line="195"/>
        <source>报送数据包</source>
        <translation>an office&apos;s packet</translation>
    </message>
    <message>
        <location filename="../../ui/pages/packets_page.py" line="196"/>
        <source>恢复数据包</source>
        <translation>a restore packet</translation>
    </message>
    <message>
        <location filename="../../ui/pages/packets_page.py" line="196"/>
        <source>参考数据包</source>
        <translation>a reference packet</translation>
    </message>
    <message>
        <location filename="../../ui/pages/packets_page.py" line="197"/>
        <source>无法识别的文件</source>
        <translation>not a packet</translation>
    </message>
    <message>
        <location filename="../../ui/pages/packets_page.py" line="201"/>
        <source>市局已合并</source>
        <translation>merged by the city</translation>
    </message>
    <message>
        <location filename="../../ui/pages/packets_page.py" line="201"/>
        <source>市局无需导入</source>
        <translation>nothing to do for the city</translation>
    </message>
    <message>
        <location filename="../../ui/pages/packets_page.py" line="202"/>
        <source>市局拒绝</source>
        <translation>refused by the city</translation>
    </message>
    <message>
        <location filename="../../ui/pages/packets_page.py" line="222"/>
        <source>{0}（{1}）</source>
        <translation>{0} ({1})</translation>
    </message>
    <message>
        <location filename="../../ui/pages/packets_page.py" line="230"/>
        <location filename="../../ui/pages/packets_page.py" line="253"/>
        <source>第 {0} 号</source>
        <translation>No. {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/packets_page.py" line="235"/>
        <source>共 {0} 条记录，最新的在前。</source>
        <translation>Entries: {0}, newest first.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/packets_page.py" line="236"/>
        <source>还没有数据包记录。</source>
        <translation>No packets yet.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/packets_page.py" line="254"/>
        <source>尚未报送</source>
        <translation>Nothing yet</translation>
    </message>
    <message>
        <location filename="../../ui/pages/packets_page.py" line="270"/>
        <source>上次导出：第 {0} 号，{1}。下次导出为第 {2} 号。</source>
        <translation>Last export: no. {0}, {1}. The next one is no. {2}.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/packets_page.py" line="277"/>
        <source>第 {0} 号数据包已收到市局回执：{1}。</source>
        <translation>The city&apos;s receipt for packet no. {0} came back: {1}.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/packets_page.py" line="280"/>
        <source>第 {0} 号数据包尚未收到市局回执。</source>
        <translation>No receipt from the city yet for packet no. {0}.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/packets_page.py" line="282"/>
        <source>还没有导出过数据包，首次导出为第 1 号。</source>
        <translation>No packet exported yet; the first is no. 1.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/packets_page.py" line="284"/>
        <source>本单位签名公钥指纹：{0}（首次报送时市局会电话核对）</source>
        <translation>This office&apos;s key fingerprint: {0} (the city phones to check it on the first packet)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/packets_page.py" line="290"/>
        <source>{0} 个下级单位中已有 {1} 个报送过数据包。</source>
        <translation>{1} of {0} offices below have sent packets.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/packets_page.py" line="327"/>
        <source>选择数据包</source>
        <translation>Choose packets</translation>
    </message>
    <message>
        <location filename="../../ui/pages/packets_page.py" line="327"/>
        <location filename="../../ui/pages/packets_page.py" line="380"/>
        <location filename="../../ui/pages/packets_page.py" line="436"/>
        <location filename="../../ui/pages/packets_page.py" line="463"/>
        <source>Excel 数据包 (*.xlsx)</source>
        <translation>Excel packets (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/packets_page.py" line="380"/>
        <source>选择市局发回的文件</source>
        <translation>Choose the files the city sent</translation>
    </message>
    <message>
        <location filename="../../ui/pages/packets_page.py" line="453"/>
        <source>生成回执</source>
        <translation>Make receipt</translation>
    </message>
    <message>
        <location filename="../../ui/pages/packets_page.py" line="462"/>
        <source>选择要出具回执的数据包</source>
        <translation>Choose the packet to make a receipt for</translation>
    </message>
    <message>
        <location filename="../../ui/pages/packets_page.py" line="470"/>
        <source>无法读取数据包：
{0}</source>
        <translation>Cannot read the packet:
{0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/packets_page.py" line="474"/>
        <source>只能为下级单位报送的数据包生成回执；所选文件是{0}：
{1}</source>
        <translation>Receipts are made for packets sent by the offices below; the file chosen is {0}:
{1}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/packets_page.py" line="482"/>
        <source>回执保存到</source>
        <translation>Save the receipt as</translation>
    </message>
    <message>
        <location filename="../../ui/pages/packets_page.py" line="490"/>
        <source>生成恢复数据包</source>
        <translation>Make restore packet</translation>
    </message>
    <message>
        <location filename="../../ui/pages/packets_page.py" line="496"/>
        <source>请先在“下级单位报送情况”中选择要生成恢复数据包的单位。</source>
        <translation>First select the office to make the restore packet for in “Offices below”.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/packets_page.py" line="502"/>
        <source>尚未合并过{0}的数据包，没有可恢复的数据。</source>
        <translation>No packet of {0} has been merged here: there is nothing to restore.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/packets_page.py" line="505"/>
        <source>为{0}生成恢复数据包吗？

恢复数据包包含本单位保存的该单位全部记录（恢复至第 {1} 号数据包），只用于其电脑损坏或丢失、重建数据库时。对方导入后将使用新的签名密钥：收到其下一个数据包时，须电话核对新的公钥指纹，并重新登记。</source>
        <translation>Make a restore packet for {0}?

It holds every record of that office kept here (up to its packet no. {1}) and is only for rebuilding its database after its PC broke or was lost. Once it is imported, that office signs with a new key: when its next packet arrives, check the new fingerprint by phone and re-enrol it.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/packets_page.py" line="514"/>
        <source>恢复数据包保存到</source>
        <translation>Save the restore packet as</translation>
    </message>
    <message>
        <location filename="../../ui/pages/packets_page.py" line="522"/>
        <source>生成参考数据包</source>
        <translation>Make reference packet</translation>
    </message>
    <message>
        <location filename="../../ui/pages/packets_page.py" line="530"/>
        <source>参考数据包保存到</source>
        <translation>Save the reference packet as</translation>
    </message>
    <message>
        <location filename="../../ui/pages/packets_page.py" line="563"/>
        <source>已生成{0}第 {1} 号数据包的回执，处理结果：{2}。</source>
        <translation>Receipt written for packet no. {1} of {0}; result: {2}.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/packets_page.py" line="566"/>
        <source>已生成{0}的恢复数据包（恢复至第 {1} 号数据包，共 {2} 条记录）。</source>
        <translation>Restore packet of {0} written (up to packet no. {1}, {2} records).</translation>
    </message>
    <message>
        <location filename="../../ui/pages/packets_page.py" line="569"/>
        <source>已生成第 {0} 号参考数据包，共 {1} 条记录。</source>
        <translation>Reference packet no. {0} written, {1} records.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/packets_page.py" line="570"/>
        <source>文件：{0}</source>
        <translation>File: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/packets_page.py" line="571"/>
        <source>本单位签名公钥指纹：{0}</source>
        <translation>This office&apos;s key fingerprint: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/packets_page.py" line="575"/>
        <source>注意：本单位是演示/培训数据库，这个文件已标为演示/培训数据，不得用于报送；真实台账的县局数据库会拒绝导入。</source>
        <translation>Note: this is a demo/training database, so this file is marked as demo/training data. It must not be used for reporting; a real county ledger refuses to import it.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/packets_page.py" line="577"/>
        <source>打开所在文件夹吗？</source>
        <translation>Open the containing folder?</translation>
    </message>
    <message>
        <location filename="../../ui/pages/packets_page.py" line="586"/>
        <source>已取消，没有生成文件。</source>
        <translation>Cancelled; no file was written.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/packets_page.py" line="588"/>
        <source>不能生成：
{0}</source>
        <translation>Cannot be made:
{0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/packets_page.py" line="590"/>
        <source>生成失败，没有生成文件：
{0}</source>
        <translation>Failed; no file was written:
{0}</translation>
    </message>
</context>
<context>
    <name>PagesView</name>
    <message>
        <location filename="../../ui/printing/preview.py" line="262"/>
        <source>正在生成第 {0} 页…</source>
        <translation>Rendering page {0}…</translation>
    </message>
</context>
<context>
    <name>PaperCodeDialog</name>
    <message>
        <location filename="../../ui/printing/paper.py" line="62"/>
        <source>录入纸质表</source>
        <translation>Enter a paper form</translation>
    </message>
    <message>
        <location filename="../../ui/printing/paper.py" line="66"/>
        <source>扫描或输入纸质表上的表单编号（空白表，如 PB-130125-2026-000042）或记录编号（已填表，如 R-130125-000012），然后按回车。</source>
        <translation>Scan or type the form serial (blank form, e.g. PB-130125-2026-000042) or the record ID (filled form, e.g. R-130125-000012) printed on the paper, then press Enter.</translation>
    </message>
    <message>
        <location filename="../../ui/printing/paper.py" line="72"/>
        <source>表单编号或记录编号</source>
        <translation>Form serial or record ID</translation>
    </message>
    <message>
        <location filename="../../ui/printing/paper.py" line="86"/>
        <source>打开</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../ui/printing/paper.py" line="90"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/printing/paper.py" line="102"/>
        <source>请输入或扫描编号。</source>
        <translation>Type or scan a code.</translation>
    </message>
</context>
<context>
    <name>PinyinFilter</name>
    <message>
        <location filename="../../ui/pinyin_filter.py" line="134"/>
        <source>输入名称或拼音筛选</source>
        <translation>Type a name or its pinyin to filter</translation>
    </message>
</context>
<context>
    <name>PipelineView</name>
    <message>
        <location filename="../../ui/pages/pipeline_page.py" line="57"/>
        <source>{0}（{1}）</source>
        <translation>{0} ({1})</translation>
    </message>
    <message>
        <location filename="../../ui/pages/pipeline_page.py" line="63"/>
        <source>{0} 项</source>
        <translation>{0} candidate(s)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/pipeline_page.py" line="77"/>
        <source>{0}
下一步已逾期：{1}（期限 {2}）</source>
        <translation>{0}
Next step overdue: {1} (due {2})</translation>
    </message>
</context>
<context>
    <name>PlanPage</name>
    <message>
        <location filename="../../ui/tables/wizard_plan.py" line="160"/>
        <source>按此字段匹配已有记录：</source>
        <translation>Match existing records by:</translation>
    </message>
    <message>
        <location filename="../../ui/tables/wizard_plan.py" line="164"/>
        <source>默认（{0}）</source>
        <translation>Default ({0})</translation>
    </message>
    <message>
        <location filename="../../ui/tables/wizard_plan.py" line="173"/>
        <source>已有的记录：</source>
        <translation>Existing records:</translation>
    </message>
    <message>
        <location filename="../../ui/tables/wizard_plan.py" line="177"/>
        <source>只填空白</source>
        <translation>Fill empty fields only</translation>
    </message>
    <message>
        <location filename="../../ui/tables/wizard_plan.py" line="177"/>
        <source>只填写记录中空着的字段，已有的内容不变</source>
        <translation>Only fields empty in the record are filled; what is there stays</translation>
    </message>
    <message>
        <location filename="../../ui/tables/wizard_plan.py" line="178"/>
        <source>覆盖</source>
        <translation>Overwrite</translation>
    </message>
    <message>
        <location filename="../../ui/tables/wizard_plan.py" line="178"/>
        <source>文件中有值的字段都改成文件中的值</source>
        <translation>Every field with a value in the file takes the file&apos;s value</translation>
    </message>
    <message>
        <location filename="../../ui/tables/wizard_plan.py" line="179"/>
        <source>不改已有</source>
        <translation>Leave alone</translation>
    </message>
    <message>
        <location filename="../../ui/tables/wizard_plan.py" line="179"/>
        <source>已有的记录一律不改，只新增记录</source>
        <translation>Existing records are not changed; only new records are added</translation>
    </message>
    <message>
        <location filename="../../ui/tables/wizard_plan.py" line="189"/>
        <source>试导入</source>
        <translation>Dry run</translation>
    </message>
    <message>
        <location filename="../../ui/tables/wizard_plan.py" line="191"/>
        <source>只检查，不写入：列出每一行将如何导入</source>
        <translation>Checks only, writes nothing: lists what each row would do</translation>
    </message>
    <message>
        <location filename="../../ui/tables/wizard_plan.py" line="201"/>
        <source>显示：</source>
        <translation>Show:</translation>
    </message>
    <message>
        <location filename="../../ui/tables/wizard_plan.py" line="230"/>
        <source>选择上面的一行，查看完整说明。</source>
        <translation>Choose a row above to see all of its details.</translation>
    </message>
    <message>
        <location filename="../../ui/tables/wizard_plan.py" line="269"/>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../ui/tables/wizard_plan.py" line="279"/>
        <source>尚未试导入。</source>
        <translation>No dry run yet.</translation>
    </message>
    <message>
        <location filename="../../ui/tables/wizard_plan.py" line="284"/>
        <source>共 {0} 行</source>
        <translation>{0} rows</translation>
    </message>
    <message>
        <location filename="../../ui/tables/wizard_plan.py" line="301"/>
        <source>第 {0} 行：{1}</source>
        <translation>Row {0}: {1}</translation>
    </message>
</context>
<context>
    <name>PlanTasksView</name>
    <message>
        <location filename="../../ui/pages/tasks_page.py" line="114"/>
        <source>新增计划</source>
        <translation>New plan</translation>
    </message>
    <message>
        <location filename="../../ui/pages/tasks_page.py" line="115"/>
        <source>编辑计划</source>
        <translation>Edit plan</translation>
    </message>
    <message>
        <location filename="../../ui/pages/tasks_page.py" line="116"/>
        <source>新增任务</source>
        <translation>New task</translation>
    </message>
    <message>
        <location filename="../../ui/pages/tasks_page.py" line="117"/>
        <source>编辑任务</source>
        <translation>Edit task</translation>
    </message>
    <message>
        <location filename="../../ui/pages/tasks_page.py" line="118"/>
        <source>粘贴分工方案…</source>
        <translation>Paste plan text…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/tasks_page.py" line="119"/>
        <source>打印进展表…</source>
        <translation>Print progress grid…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/tasks_page.py" line="120"/>
        <source>导出 Excel…</source>
        <translation>Export to Excel…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/tasks_page.py" line="142"/>
        <source>任务</source>
        <translation>Tasks</translation>
    </message>
    <message>
        <location filename="../../ui/pages/tasks_page.py" line="156"/>
        <source>进展表</source>
        <translation>Progress grid</translation>
    </message>
    <message>
        <location filename="../../ui/pages/tasks_page.py" line="195"/>
        <source>全部单位</source>
        <translation>All units</translation>
    </message>
    <message>
        <location filename="../../ui/pages/tasks_page.py" line="208"/>
        <source>“—”：不是该单位的任务；“未报”：尚未收到进展。</source>
        <translation>“—”: not the unit&apos;s task; “not reported”: no progress received yet.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/tasks_page.py" line="274"/>
        <location filename="../../ui/pages/tasks_page.py" line="282"/>
        <source>粘贴分工方案</source>
        <translation>Paste plan text</translation>
    </message>
    <message>
        <location filename="../../ui/pages/tasks_page.py" line="275"/>
        <source>粘贴计划的任务：每行“1、任务内容（责任单位：行唐县、灵寿县）”，或从分工方案表格复制的行（序号、部分、任务、责任单位）。未写责任单位的任务为全部单位的任务。</source>
        <translation>Paste the plan&apos;s tasks: one per line, &quot;1. task (责任单位: 行唐县, 灵寿县)&quot;, or rows copied from a task-division table (number, section, task, responsible units). A task without responsible units is every unit&apos;s.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/tasks_page.py" line="304"/>
        <source>无法保存</source>
        <translation>Cannot save</translation>
    </message>
    <message>
        <location filename="../../ui/pages/tasks_page.py" line="304"/>
        <source>文件无法写入：{0}</source>
        <translation>The file cannot be written: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/tasks_page.py" line="316"/>
        <source>任务进展表</source>
        <translation>Task progress grid</translation>
    </message>
    <message>
        <location filename="../../ui/pages/tasks_page.py" line="324"/>
        <source>导出 Excel</source>
        <translation>Export to Excel</translation>
    </message>
</context>
<context>
    <name>PreviewDialog</name>
    <message>
        <location filename="../../ui/printing/preview.py" line="305"/>
        <source>打印预览 — {0}</source>
        <translation>Print preview — {0}</translation>
    </message>
    <message>
        <location filename="../../ui/printing/preview.py" line="325"/>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <location filename="../../ui/printing/preview.py" line="326"/>
        <source>打印（Ctrl+P）</source>
        <translation>Print (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../ui/printing/preview.py" line="327"/>
        <source>另存为…</source>
        <translation>Save as…</translation>
    </message>
    <message>
        <location filename="../../ui/printing/preview.py" line="328"/>
        <source>另存为 PDF 文件（Ctrl+S）</source>
        <translation>Save as a PDF file (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../ui/printing/preview.py" line="329"/>
        <source>适合宽度</source>
        <translation>Fit width</translation>
    </message>
    <message>
        <location filename="../../ui/printing/preview.py" line="331"/>
        <source>100%</source>
        <translation>100%</translation>
    </message>
    <message>
        <location filename="../../ui/printing/preview.py" line="333"/>
        <source>缩小</source>
        <translation>Zoom out</translation>
    </message>
    <message>
        <location filename="../../ui/printing/preview.py" line="334"/>
        <source>放大</source>
        <translation>Zoom in</translation>
    </message>
    <message>
        <location filename="../../ui/printing/preview.py" line="338"/>
        <source>上一页</source>
        <translation>Previous</translation>
    </message>
    <message>
        <location filename="../../ui/printing/preview.py" line="343"/>
        <source>第</source>
        <translation>Page</translation>
    </message>
    <message>
        <location filename="../../ui/printing/preview.py" line="350"/>
        <source>页，共 {0} 页</source>
        <translation>of {0}</translation>
    </message>
    <message>
        <location filename="../../ui/printing/preview.py" line="354"/>
        <source>下一页</source>
        <translation>Next</translation>
    </message>
    <message>
        <location filename="../../ui/printing/preview.py" line="369"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../ui/printing/preview.py" line="406"/>
        <location filename="../../ui/printing/preview.py" line="416"/>
        <source>另存为</source>
        <translation>Save as</translation>
    </message>
    <message>
        <location filename="../../ui/printing/preview.py" line="407"/>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/printing/preview.py" line="417"/>
        <source>无法保存到 {0}：{1}</source>
        <translation>Cannot save to {0}: {1}</translation>
    </message>
    <message>
        <location filename="../../ui/printing/preview.py" line="420"/>
        <source>已保存到 {0}</source>
        <translation>Saved to {0}</translation>
    </message>
    <message>
        <location filename="../../ui/printing/preview.py" line="438"/>
        <location filename="../../ui/printing/preview.py" line="477"/>
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <location filename="../../ui/printing/preview.py" line="458"/>
        <source>正在打印…</source>
        <translation>Printing…</translation>
    </message>
    <message>
        <location filename="../../ui/printing/preview.py" line="459"/>
        <source>正在打印</source>
        <translation>Printing</translation>
    </message>
    <message>
        <location filename="../../ui/printing/preview.py" line="466"/>
        <source>已发送 {0} 页到打印机。</source>
        <translation>{0} pages sent to the printer.</translation>
    </message>
    <message>
        <location filename="../../ui/printing/preview.py" line="472"/>
        <source>已取消打印。</source>
        <translation>Printing cancelled.</translation>
    </message>
    <message>
        <location filename="../../ui/printing/preview.py" line="476"/>
        <source>打印失败。</source>
        <translation>Printing failed.</translation>
    </message>
    <message>
        <location filename="../../ui/printing/preview.py" line="477"/>
        <source>打印失败：</source>
        <translation>Printing failed:</translation>
    </message>
</context>
<context>
    <name>PrintFontBox</name>
    <message>
        <location filename="../../ui/printing/font_setting.py" line="38"/>
        <source>打印字体</source>
        <translation>Print font</translation>
    </message>
    <message>
        <location filename="../../ui/printing/font_setting.py" line="45"/>
        <source>自动查找（宋体、黑体、微软雅黑、文泉驿……）</source>
        <translation>Found automatically (SimSun, SimHei, Microsoft YaHei, WenQuanYi …)</translation>
    </message>
    <message>
        <location filename="../../ui/printing/font_setting.py" line="46"/>
        <source>TrueType 字体文件（.ttf / .ttc）；.ttc 的第 N 个字体写作 路径#N</source>
        <translation>A TrueType font file (.ttf / .ttc); face N of a .ttc is written PATH#N</translation>
    </message>
    <message>
        <location filename="../../ui/printing/font_setting.py" line="49"/>
        <source>选择…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <location filename="../../ui/printing/font_setting.py" line="53"/>
        <source>自动</source>
        <translation>Automatic</translation>
    </message>
    <message>
        <location filename="../../ui/printing/font_setting.py" line="55"/>
        <source>不指定字体文件，自动查找</source>
        <translation>No font file: find one automatically</translation>
    </message>
    <message>
        <location filename="../../ui/printing/font_setting.py" line="58"/>
        <source>字体文件：</source>
        <translation>Font file:</translation>
    </message>
    <message>
        <location filename="../../ui/printing/font_setting.py" line="67"/>
        <source>选择打印字体</source>
        <translation>Choose the print font</translation>
    </message>
    <message>
        <location filename="../../ui/printing/font_setting.py" line="68"/>
        <source>TrueType 字体 (*.ttf *.ttc *.otf)</source>
        <translation>TrueType fonts (*.ttf *.ttc *.otf)</translation>
    </message>
    <message>
        <location filename="../../ui/printing/font_setting.py" line="93"/>
        <source>表单使用：{0}</source>
        <translation>Forms use: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/printing/font_setting.py" line="96"/>
        <source>未找到 TrueType 中文字体：表单使用 STSong-Light（不嵌入 PDF，部分打印机或电脑可能显示不出）。请选择字体文件。</source>
        <translation>No TrueType Chinese font found: forms use STSong-Light (not embedded in the PDF; some printers or computers may not show it). Choose a font file.</translation>
    </message>
</context>
<context>
    <name>Printing</name>
    <message>
        <location filename="../../ui/printing/editor_actions.py" line="23"/>
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <location filename="../../ui/printing/editor_actions.py" line="25"/>
        <source>打印此记录的表（已保存的内容），先预览</source>
        <translation>Print this record&apos;s form (as saved), with a preview first</translation>
    </message>
    <message>
        <location filename="../../ui/printing/paper.py" line="122"/>
        <source>纸质表 {0}</source>
        <translation>Paper form {0}</translation>
    </message>
    <message>
        <location filename="../../ui/printing/paper.py" line="127"/>
        <location filename="../../ui/printing/paper.py" line="140"/>
        <source>录入纸质表</source>
        <translation>Enter a paper form</translation>
    </message>
    <message>
        <location filename="../../ui/printing/paper.py" line="128"/>
        <source>找不到记录 {0}。</source>
        <translation>Record {0} not found.</translation>
    </message>
    <message>
        <location filename="../../ui/printing/paper.py" line="141"/>
        <source>记录已保存，但未能关联表单编号：</source>
        <translation>The record was saved, but the form serial could not be linked to it:</translation>
    </message>
    <message>
        <location filename="../../ui/printing/paper.py" line="158"/>
        <source>录入纸质表…</source>
        <translation>Enter a paper form…</translation>
    </message>
    <message>
        <location filename="../../ui/printing/paper.py" line="161"/>
        <source>扫描或输入纸质表的编号，打开对应记录（{0}）</source>
        <translation>Scan or type the code of a paper form to open its record ({0})</translation>
    </message>
    <message>
        <location filename="../../ui/printing/paper.py" line="164"/>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <location filename="../../ui/printing/paper.py" line="181"/>
        <source>纸质表</source>
        <translation>Paper forms</translation>
    </message>
    <message>
        <location filename="../../ui/printing/run.py" line="78"/>
        <source>共 {0} 页，{1} 份表</source>
        <translation>{0} page(s), {1} form(s)</translation>
    </message>
    <message>
        <location filename="../../ui/printing/run.py" line="83"/>
        <source>表单编号 {0}</source>
        <translation>form serial {0}</translation>
    </message>
    <message>
        <location filename="../../ui/printing/run.py" line="85"/>
        <source>未找到 TrueType 中文字体，使用 STSong-Light（不嵌入，可在“设置”中选择字体文件）</source>
        <translation>no TrueType Chinese font found: STSong-Light is used (not embedded; choose a font file in Settings)</translation>
    </message>
    <message>
        <location filename="../../ui/printing/run.py" line="88"/>
        <source>字体：{0}</source>
        <translation>font: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/printing/run.py" line="134"/>
        <source>无法打印：</source>
        <translation>Cannot print:</translation>
    </message>
    <message>
        <location filename="../../ui/printing/run.py" line="142"/>
        <source>正在生成{0}</source>
        <translation>Making the {0}</translation>
    </message>
</context>
<context>
    <name>RecheckDialog</name>
    <message>
        <location filename="../../ui/supervision_dialogs.py" line="142"/>
        <source>整改复查</source>
        <translation>Re-check of rectification</translation>
    </message>
    <message>
        <location filename="../../ui/supervision_dialogs.py" line="146"/>
        <source>复查日期</source>
        <translation>Re-check date</translation>
    </message>
    <message>
        <location filename="../../ui/supervision_dialogs.py" line="151"/>
        <source>复查结果</source>
        <translation>Re-check result</translation>
    </message>
    <message>
        <location filename="../../ui/supervision_dialogs.py" line="154"/>
        <source>复查情况，记入整改跟进情况</source>
        <translation>What the re-check found; added to the rectification follow-up</translation>
    </message>
    <message>
        <location filename="../../ui/supervision_dialogs.py" line="156"/>
        <source>复查情况</source>
        <translation>Re-check notes</translation>
    </message>
</context>
<context>
    <name>RecordEditor</name>
    <message>
        <location filename="../../ui/editors/record_editor.py" line="117"/>
        <source>新增{kind}</source>
        <translation>New {kind}</translation>
    </message>
    <message>
        <location filename="../../ui/editors/record_editor.py" line="119"/>
        <source>编辑{kind} {id}</source>
        <translation>Edit {kind} {id}</translation>
    </message>
    <message>
        <location filename="../../ui/editors/record_editor.py" line="176"/>
        <source>修改历史</source>
        <translation>History</translation>
    </message>
    <message>
        <location filename="../../ui/editors/record_editor.py" line="187"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../ui/editors/record_editor.py" line="189"/>
        <source>保存（Ctrl+S）</source>
        <translation>Save (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../ui/editors/record_editor.py" line="191"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/editors/record_editor.py" line="227"/>
        <source>必填</source>
        <translation>Required</translation>
    </message>
    <message>
        <location filename="../../ui/editors/record_editor.py" line="286"/>
        <source>按{0}自动计算</source>
        <translation>Counted from {0}</translation>
    </message>
    <message>
        <location filename="../../ui/editors/record_editor.py" line="293"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../ui/editors/record_editor.py" line="299"/>
        <source>带 &lt;span style=&apos;color:#c62828&apos;&gt;*&lt;/span&gt; 的为必填项。日期可输入 2024-05-01、2024/5/1 或 2024年5月1日。</source>
        <translation>Fields marked &lt;span style=&apos;color:#c62828&apos;&gt;*&lt;/span&gt; are required. Dates may be entered as 2024-05-01 or 2024/5/1.</translation>
    </message>
    <message>
        <location filename="../../ui/editors/record_editor.py" line="302"/>
        <source>编号 {id} · 第 {revision} 版 · 最后修改 {at}</source>
        <translation>ID {id} · Revision {revision} · Last changed {at}</translation>
    </message>
    <message>
        <location filename="../../ui/editors/record_editor.py" line="306"/>
        <source>此记录属于 {office}，只读</source>
        <translation>Read-only: this record belongs to {office}</translation>
    </message>
    <message>
        <location filename="../../ui/editors/record_editor.py" line="310"/>
        <source>此记录已删除，只读（恢复后才能修改）</source>
        <translation>Read-only: this record is deleted (restore it to make changes)</translation>
    </message>
    <message>
        <location filename="../../ui/editors/record_editor.py" line="415"/>
        <source>提醒：</source>
        <translation>Please check: </translation>
    </message>
    <message>
        <location filename="../../ui/editors/record_editor.py" line="419"/>
        <source>{n} 处需要修改</source>
        <translation>Fields to correct: {n}</translation>
    </message>
    <message>
        <location filename="../../ui/editors/record_editor.py" line="422"/>
        <source>{n} 处提醒，请核对（不影响保存）</source>
        <translation>{n} warning(s): please check (saving is not blocked)</translation>
    </message>
    <message>
        <location filename="../../ui/editors/record_editor.py" line="489"/>
        <location filename="../../ui/editors/record_editor.py" line="510"/>
        <source>无法保存：</source>
        <translation>Cannot save:</translation>
    </message>
    <message>
        <location filename="../../ui/editors/record_editor.py" line="518"/>
        <source>有未保存的修改，确定放弃吗？</source>
        <translation>Discard unsaved changes?</translation>
    </message>
</context>
<context>
    <name>RegisterPage</name>
    <message>
        <location filename="../../ui/pages/register_page.py" line="111"/>
        <source>搜索任意列（空格分隔多个词）</source>
        <translation>Search all columns (separate words with spaces)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register_page.py" line="119"/>
        <location filename="../../ui/pages/register_page.py" line="297"/>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register_page.py" line="126"/>
        <source>按{0}筛选</source>
        <translation>Filter by {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register_page.py" line="130"/>
        <source>显示已删除</source>
        <translation>Show deleted</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register_page.py" line="147"/>
        <source>相关记录 ▾</source>
        <translation>Related records ▾</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register_page.py" line="201"/>
        <source>复制</source>
        <translation>Copy</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register_page.py" line="221"/>
        <source>新增</source>
        <translation>New</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register_page.py" line="222"/>
        <source>编辑</source>
        <translation>Edit</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register_page.py" line="223"/>
        <location filename="../../ui/pages/register_page.py" line="435"/>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register_page.py" line="224"/>
        <source>恢复</source>
        <translation>Restore</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register_page.py" line="225"/>
        <source>修改历史</source>
        <translation>History</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register_page.py" line="228"/>
        <source>加入培育名录</source>
        <translation>Add to cultivation list</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register_page.py" line="230"/>
        <source>推进阶段</source>
        <translation>Advance stage</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register_page.py" line="234"/>
        <source>随机抽取</source>
        <translation>Random draw</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register_page.py" line="247"/>
        <source>全部（清除筛选）</source>
        <translation>All (clear filter)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register_page.py" line="315"/>
        <source>{0}：已显示前 {1} 条，正在查找其余……</source>
        <translation>{0}: the first {1} shown, finding the rest…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register_page.py" line="319"/>
        <source>{0}：正在载入……</source>
        <translation>{0}: loading…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register_page.py" line="321"/>
        <source>{0}：共 {1} 条</source>
        <translation>{0}: total {1}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register_page.py" line="324"/>
        <source>筛选：</source>
        <translation>Filter: </translation>
    </message>
    <message>
        <location filename="../../ui/pages/register_page.py" line="316"/>
        <location filename="../../ui/pages/register_page.py" line="326"/>
        <source>搜索：</source>
        <translation>Search: </translation>
    </message>
    <message>
        <location filename="../../ui/pages/register_page.py" line="328"/>
        <source>仅显示：{0} &lt;a href=&apos;clear&apos;&gt;显示全部&lt;/a&gt;</source>
        <translation>Showing only: {0} &lt;a href=&apos;clear&apos;&gt;Show all&lt;/a&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register_page.py" line="329"/>
        <source>{0} 条记录</source>
        <translation>{0} record(s)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register_page.py" line="433"/>
        <source> 等</source>
        <translation> and more</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register_page.py" line="436"/>
        <source>删除 {0} 条{1}：{2}？
删除后可撤销（Ctrl+Z），也可勾选“显示已删除”后恢复。</source>
        <translation>Delete {0} {1} record(s): {2}?
You can undo this (Ctrl+Z), or tick &quot;Show deleted&quot; and restore them.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register_page.py" line="446"/>
        <source>无法删除</source>
        <translation>Cannot delete</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register_page.py" line="458"/>
        <source>无法恢复</source>
        <translation>Cannot restore</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register_page.py" line="480"/>
        <source>{0} 的{1}</source>
        <translation>{1} of {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register_page.py" line="491"/>
        <source>新加入的培育对象 {0}</source>
        <translation>Newly added candidate {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/register_page.py" line="521"/>
        <source>查看{0}</source>
        <translation>View {0}</translation>
    </message>
</context>
<context>
    <name>RegisterPrinting</name>
    <message>
        <location filename="../../ui/printing/register_actions.py" line="46"/>
        <source>打印 ▾</source>
        <translation>Print ▾</translation>
    </message>
    <message>
        <location filename="../../ui/printing/register_actions.py" line="48"/>
        <source>打印列表、所选记录的表或空白表（先预览）</source>
        <translation>Print the list, the selected records&apos; forms or blank forms (with a preview)</translation>
    </message>
    <message>
        <location filename="../../ui/printing/register_actions.py" line="71"/>
        <source>打印统计表</source>
        <translation>Print the statistics table</translation>
    </message>
    <message>
        <location filename="../../ui/printing/register_actions.py" line="72"/>
        <source>打印列表（当前筛选，{0} 条）</source>
        <translation>Print the list (as filtered, {0} rows)</translation>
    </message>
    <message>
        <location filename="../../ui/printing/register_actions.py" line="74"/>
        <source>打印所选记录的{0}（{1} 份）</source>
        <translation>Print the selected records: {0} ({1})</translation>
    </message>
    <message>
        <location filename="../../ui/printing/register_actions.py" line="78"/>
        <source>空白{0}…</source>
        <translation>Blank {0}…</translation>
    </message>
    <message>
        <location filename="../../ui/printing/register_actions.py" line="82"/>
        <source>空白{0}（所选用标主体）</source>
        <translation>Blank {0} (selected mark users)</translation>
    </message>
    <message>
        <location filename="../../ui/printing/register_actions.py" line="86"/>
        <source>空白年报表（所选用标主体）…</source>
        <translation>Blank annual report forms (selected mark users)…</translation>
    </message>
    <message>
        <location filename="../../ui/printing/register_actions.py" line="90"/>
        <source>空白年报表（全部用标主体）…</source>
        <translation>Blank annual report forms (all mark users)…</translation>
    </message>
    <message>
        <location filename="../../ui/printing/register_actions.py" line="134"/>
        <source>份数（每份有自己的表单编号）：</source>
        <translation>Copies (each with its own form serial):</translation>
    </message>
    <message>
        <location filename="../../ui/printing/register_actions.py" line="160"/>
        <source>请先选择用标主体。</source>
        <translation>Select a mark user first.</translation>
    </message>
    <message>
        <location filename="../../ui/printing/register_actions.py" line="169"/>
        <source>报告年度：</source>
        <translation>Report year:</translation>
    </message>
</context>
<context>
    <name>ReviewBar</name>
    <message>
        <location filename="../../ui/reviews.py" line="143"/>
        <source>已核</source>
        <translation>Mark checked</translation>
    </message>
    <message>
        <location filename="../../ui/reviews.py" line="144"/>
        <source>退回…</source>
        <translation>Return…</translation>
    </message>
    <message>
        <location filename="../../ui/reviews.py" line="145"/>
        <source>答复…</source>
        <translation>Answer…</translation>
    </message>
    <message>
        <location filename="../../ui/reviews.py" line="168"/>
        <source>审核：请选择下级单位的记录</source>
        <translation>Review: select a record of a unit</translation>
    </message>
    <message>
        <location filename="../../ui/reviews.py" line="170"/>
        <source>审核：本单位自己的记录，不需审核</source>
        <translation>Review: this office&apos;s own record, not reviewed</translation>
    </message>
    <message>
        <location filename="../../ui/reviews.py" line="197"/>
        <source>审核</source>
        <translation>Review</translation>
    </message>
    <message>
        <location filename="../../ui/reviews.py" line="213"/>
        <source>已审核 {0} 条记录</source>
        <translation>{0} record(s) reviewed</translation>
    </message>
    <message>
        <location filename="../../ui/reviews.py" line="218"/>
        <location filename="../../ui/reviews.py" line="222"/>
        <source>退回</source>
        <translation>Return</translation>
    </message>
    <message>
        <location filename="../../ui/reviews.py" line="218"/>
        <source>退回原因（必填）：</source>
        <translation>Reason for returning (required):</translation>
    </message>
    <message>
        <location filename="../../ui/reviews.py" line="222"/>
        <source>退回时必须写明原因。</source>
        <translation>A return must give the reason.</translation>
    </message>
    <message>
        <location filename="../../ui/reviews.py" line="232"/>
        <source>答复</source>
        <translation>Answer</translation>
    </message>
    <message>
        <location filename="../../ui/reviews.py" line="233"/>
        <source>答复内容：</source>
        <translation>Answer:</translation>
    </message>
</context>
<context>
    <name>Reviews</name>
    <message>
        <location filename="../../ui/reviews.py" line="116"/>
        <source>未审核</source>
        <translation>Not reviewed</translation>
    </message>
    <message>
        <location filename="../../ui/reviews.py" line="117"/>
        <source>审核：{0}（{1}）</source>
        <translation>Review: {0} ({1})</translation>
    </message>
    <message>
        <location filename="../../ui/reviews.py" line="119"/>
        <source>意见：{0}</source>
        <translation>Comment: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/reviews.py" line="121"/>
        <source>答复：{0}</source>
        <translation>Answer: {0}</translation>
    </message>
</context>
<context>
    <name>SaveDialog</name>
    <message>
        <location filename="../../ui/save_dialog.py" line="17"/>
        <source>Excel 文件 (*.xlsx)</source>
        <translation>Excel files (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../ui/save_dialog.py" line="19"/>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="47"/>
        <source>界面</source>
        <translation>Interface</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="55"/>
        <source>语言：</source>
        <translation>Language:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="58"/>
        <location filename="../../ui/pages/settings_page.py" line="113"/>
        <location filename="../../ui/pages/settings_page.py" line="115"/>
        <source>经办人</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="62"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="64"/>
        <source>修改记录中的经办人：</source>
        <translation>Clerk recorded with each change:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="69"/>
        <source>数据</source>
        <translation>Data</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="74"/>
        <source>数据库文件：</source>
        <translation>Database file:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="75"/>
        <source>备份文件夹：</source>
        <translation>Backup folder:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="77"/>
        <source>打开所在文件夹</source>
        <translation>Open containing folder</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="78"/>
        <source>立即备份</source>
        <translation>Back up now</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="79"/>
        <location filename="../../ui/pages/settings_page.py" line="145"/>
        <source>检查数据</source>
        <translation>Check data</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="115"/>
        <source>已保存。</source>
        <translation>Saved.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="125"/>
        <source>备份</source>
        <translation>Backup</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="125"/>
        <source>已备份到：
{0}</source>
        <translation>Backed up to:
{0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="140"/>
        <source>检查了 {0} 条记录：错误 {1} 条，提示 {2} 条。</source>
        <translation>Records checked: {0}. Errors: {1}. Notices: {2}.</translation>
    </message>
</context>
<context>
    <name>SetupDialog</name>
    <message>
        <location filename="../../ui/setup_dialog.py" line="49"/>
        <source>地标台账 — 首次设置</source>
        <translation>GI Ledger — First-time setup</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="52"/>
        <source>&lt;h3&gt;欢迎使用地标台账&lt;/h3&gt;&lt;p&gt;请选择本单位（可按名称或行政区划代码搜索）。县级代码为县级模式，市级代码（如 130100）为市级模式。&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Welcome to GI Ledger&lt;/h3&gt;&lt;p&gt;Choose your office (search by name or administrative division code). A county code sets up county mode; a city code (e.g. 130100) sets up city mode.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="60"/>
        <source>如：行唐 或 130125</source>
        <translation>e.g. 行唐 or 130125</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="62"/>
        <source>搜索单位：</source>
        <translation>Find office:</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="78"/>
        <source>经办人：</source>
        <translation>Clerk:</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="82"/>
        <source>浏览…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="86"/>
        <source>数据库文件：</source>
        <translation>Database file:</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="87"/>
        <source>填入演示数据（仅用于培训和试用）</source>
        <translation>Fill in demo data (for training and trials only)</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="93"/>
        <source>创建</source>
        <translation>Create</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="95"/>
        <source>打开已有数据库…</source>
        <translation>Open existing database…</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="119"/>
        <source>县级模式：录入本县台账、打印表格、导出数据包报送市局。</source>
        <translation>County mode: keep the county&apos;s registers, print forms, export packets for the city bureau.</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="120"/>
        <source>市级模式：导入各县数据包、核对合并、打印全市汇总表。</source>
        <translation>City mode: import the counties&apos; packets, check and merge them, print the city table.</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="121"/>
        <source>省级模式：导入各市数据包。</source>
        <translation>Province mode: import the cities&apos; packets.</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="129"/>
        <source>数据库文件</source>
        <translation>Database file</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="130"/>
        <location filename="../../ui/setup_dialog.py" line="136"/>
        <source>地标台账数据库 (*.db)</source>
        <translation>GI Ledger database (*.db)</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="135"/>
        <source>打开数据库</source>
        <translation>Open database</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="145"/>
        <location filename="../../ui/setup_dialog.py" line="149"/>
        <source>无法打开</source>
        <translation>Cannot open</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="149"/>
        <source>此数据库尚未设置单位。</source>
        <translation>No office has been set up in this database.</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="163"/>
        <source>文件已存在</source>
        <translation>File exists</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="164"/>
        <source>{0} 已存在。是否直接打开它？（不会覆盖）</source>
        <translation>{0} already exists. Open it instead? (It will not be overwritten.)</translation>
    </message>
    <message>
        <location filename="../../ui/setup_dialog.py" line="173"/>
        <location filename="../../ui/setup_dialog.py" line="182"/>
        <source>无法创建</source>
        <translation>Cannot create</translation>
    </message>
</context>
<context>
    <name>SpecialImportDialog</name>
    <message>
        <location filename="../../ui/packets/special_dialog.py" line="127"/>
        <location filename="../../ui/packets/special_dialog.py" line="405"/>
        <source>导入文件</source>
        <translation>Import file</translation>
    </message>
    <message>
        <location filename="../../ui/packets/special_dialog.py" line="149"/>
        <source>文件：</source>
        <translation>File:</translation>
    </message>
    <message>
        <location filename="../../ui/packets/special_dialog.py" line="150"/>
        <source>类型：</source>
        <translation>Kind:</translation>
    </message>
    <message>
        <location filename="../../ui/packets/special_dialog.py" line="151"/>
        <source>发出单位：</source>
        <translation>Sent by:</translation>
    </message>
    <message>
        <location filename="../../ui/packets/special_dialog.py" line="152"/>
        <source>序号：</source>
        <translation>No.:</translation>
    </message>
    <message>
        <location filename="../../ui/packets/special_dialog.py" line="153"/>
        <source>公钥指纹：</source>
        <translation>Key fingerprint:</translation>
    </message>
    <message>
        <location filename="../../ui/packets/special_dialog.py" line="169"/>
        <source>已与{0}核对指纹</source>
        <translation>Fingerprint checked with the {0}</translation>
    </message>
    <message>
        <location filename="../../ui/packets/special_dialog.py" line="189"/>
        <source>重新登记…</source>
        <translation>Re-enrol…</translation>
    </message>
    <message>
        <location filename="../../ui/packets/special_dialog.py" line="191"/>
        <source>上级单位更换了电脑或重装了程序、密钥变了时，电话核实后重新登记其公钥</source>
        <translation>When the office above has a new PC or reinstalled the program and its key changed: check by phone, then enrol its new key</translation>
    </message>
    <message>
        <location filename="../../ui/packets/special_dialog.py" line="196"/>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <location filename="../../ui/packets/special_dialog.py" line="200"/>
        <location filename="../../ui/packets/special_dialog.py" line="438"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../ui/packets/special_dialog.py" line="216"/>
        <source>市局</source>
        <translation>city</translation>
    </message>
    <message>
        <location filename="../../ui/packets/special_dialog.py" line="216"/>
        <source>省局</source>
        <translation>province</translation>
    </message>
    <message>
        <location filename="../../ui/packets/special_dialog.py" line="221"/>
        <source>回执</source>
        <translation>Receipt</translation>
    </message>
    <message>
        <location filename="../../ui/packets/special_dialog.py" line="221"/>
        <source>参考数据包</source>
        <translation>Reference packet</translation>
    </message>
    <message>
        <location filename="../../ui/packets/special_dialog.py" line="222"/>
        <source>恢复数据包</source>
        <translation>Restore packet</translation>
    </message>
    <message>
        <location filename="../../ui/packets/special_dialog.py" line="222"/>
        <source>县级报送数据包</source>
        <translation>County packet</translation>
    </message>
    <message>
        <location filename="../../ui/packets/special_dialog.py" line="223"/>
        <source>无法识别</source>
        <translation>Not recognised</translation>
    </message>
    <message>
        <location filename="../../ui/packets/special_dialog.py" line="228"/>
        <source>回执是{0}对本单位某个数据包的处理结果（已合并、拒绝或无需导入）。导入后，数据包记录中的该数据包标记为“已收到回执”；台账记录不变。</source>
        <translation>A receipt is what the {0} did with one of this office&apos;s packets (merged, refused or nothing to do). Once imported, that packet shows as “Receipt received” in the packet log; the registers do not change.</translation>
    </message>
    <message>
        <location filename="../../ui/packets/special_dialog.py" line="231"/>
        <source>参考数据包是{0}自有的记录（已保护地理标志、抽查计划与任务等）。导入后，本单位的记录可以引用它们，但它们仍属于{0}，本单位不能修改。</source>
        <translation>A reference packet holds the {0}&apos;s own records (protected GIs, inspection plans and tasks, …). Once imported, this office&apos;s records can refer to them, but they stay the {0}&apos;s: they cannot be changed here.</translation>
    </message>
    <message>
        <location filename="../../ui/packets/special_dialog.py" line="234"/>
        <source>恢复数据包是{0}保存的本单位全部记录，用于电脑损坏或丢失后重建数据库，只能导入新建的、还没有本单位记录的数据库。导入后本机使用新的签名密钥，须把新指纹告知{0}。</source>
        <translation>A restore packet holds every record of this office that the {0} keeps, to rebuild the database after a PC broke or was lost; it goes only into a new database that holds none of this office&apos;s records yet. Afterwards this PC signs with a new key: tell the {0} its fingerprint.</translation>
    </message>
    <message>
        <location filename="../../ui/packets/special_dialog.py" line="243"/>
        <source>本单位第 {0} 号数据包的回执</source>
        <translation>Receipt for this office&apos;s packet no. {0}</translation>
    </message>
    <message>
        <location filename="../../ui/packets/special_dialog.py" line="245"/>
        <source>恢复至本单位第 {0} 号数据包</source>
        <translation>Up to this office&apos;s packet no. {0}</translation>
    </message>
    <message>
        <location filename="../../ui/packets/special_dialog.py" line="246"/>
        <source>第 {0} 号</source>
        <translation>No. {0}</translation>
    </message>
    <message>
        <location filename="../../ui/packets/special_dialog.py" line="254"/>
        <source>{0}（已登记）</source>
        <translation>{0} (enrolled)</translation>
    </message>
    <message>
        <location filename="../../ui/packets/special_dialog.py" line="256"/>
        <source>{0}（重新登记的新密钥，须电话核对）</source>
        <translation>{0} (new key to re-enrol: check it by phone)</translation>
    </message>
    <message>
        <location filename="../../ui/packets/special_dialog.py" line="258"/>
        <source>{0}（首次收到，须电话核对）</source>
        <translation>{0} (first seen: check it by phone)</translation>
    </message>
    <message>
        <location filename="../../ui/packets/special_dialog.py" line="261"/>
        <source>{0}（与已登记的 {1} 不同）</source>
        <translation>{0} (differs from the enrolled {1})</translation>
    </message>
    <message>
        <location filename="../../ui/packets/special_dialog.py" line="264"/>
        <source>{0}（与已登记的一致）</source>
        <translation>{0} (matches the enrolled key)</translation>
    </message>
    <message>
        <location filename="../../ui/packets/special_dialog.py" line="301"/>
        <source>试导入</source>
        <translation>Dry run</translation>
    </message>
    <message>
        <location filename="../../ui/packets/special_dialog.py" line="315"/>
        <source>已取消试导入，没有导入。</source>
        <translation>Dry run cancelled; nothing imported.</translation>
    </message>
    <message>
        <location filename="../../ui/packets/special_dialog.py" line="316"/>
        <source>无法试导入：{0}</source>
        <translation>The dry run failed: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/packets/special_dialog.py" line="337"/>
        <source>重新登记</source>
        <translation>Re-enrol</translation>
    </message>
    <message>
        <location filename="../../ui/packets/special_dialog.py" line="338"/>
        <source>{0}的文件使用了另一把密钥签名：
新指纹 {1}
已登记 {2}

只有在{3}确已更换电脑或重装程序时才应重新登记。重新登记后，导入时将用新密钥替换已登记的密钥，导入前还需与{3}电话核对新指纹。

重新登记并重新试导入吗？</source>
        <translation>The file from {0} is signed with another key:
new fingerprint {1}
enrolled {2}

Re-enrol only if the {3} really has a new PC or reinstalled the program. Re-enrolling replaces the enrolled key with the new one on import, and the new fingerprint must be checked with the {3} by phone first.

Re-enrol and dry-run again?</translation>
    </message>
    <message>
        <location filename="../../ui/packets/special_dialog.py" line="354"/>
        <location filename="../../ui/packets/special_dialog.py" line="404"/>
        <source>导入{0}</source>
        <translation>Import: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/packets/special_dialog.py" line="368"/>
        <source>已取消，没有导入。</source>
        <translation>Cancelled; nothing imported.</translation>
    </message>
    <message>
        <location filename="../../ui/packets/special_dialog.py" line="369"/>
        <source>导入失败，没有写入：{0}</source>
        <translation>The import failed; nothing was written: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/packets/special_dialog.py" line="378"/>
        <source>正在导入……</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <location filename="../../ui/packets/special_dialog.py" line="378"/>
        <source>正在试导入……</source>
        <translation>Dry run in progress…</translation>
    </message>
    <message>
        <location filename="../../ui/packets/special_dialog.py" line="386"/>
        <source>不能导入：{0}</source>
        <translation>Cannot be imported: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/packets/special_dialog.py" line="388"/>
        <source>无需导入：此前已导入过这个文件，没有要写入的内容。</source>
        <translation>Nothing to do: this file was imported before; there is nothing to write.</translation>
    </message>
    <message>
        <location filename="../../ui/packets/special_dialog.py" line="391"/>
        <source>试导入通过。请先与{0}电话核对公钥指纹，勾选“已与{0}核对指纹”后才能导入。</source>
        <translation>The dry run passed. Check the key fingerprint with the {0} by phone and tick “Fingerprint checked with the {0}” before importing.</translation>
    </message>
    <message>
        <location filename="../../ui/packets/special_dialog.py" line="393"/>
        <source>试导入通过，可以导入。点“导入”写入本机数据库。</source>
        <translation>The dry run passed: the file can be imported. Click “Import” to write it into this database.</translation>
    </message>
    <message>
        <location filename="../../ui/packets/special_dialog.py" line="395"/>
        <source>已导入回执：本单位第 {0} 号数据包已标记为已收到回执。</source>
        <translation>Receipt imported: this office&apos;s packet no. {0} is marked as receipt received.</translation>
    </message>
    <message>
        <location filename="../../ui/packets/special_dialog.py" line="397"/>
        <source>已恢复本单位的记录。下一个数据包为第 {0} 号。</source>
        <translation>This office&apos;s records are restored. The next packet is no. {0}.</translation>
    </message>
    <message>
        <location filename="../../ui/packets/special_dialog.py" line="399"/>
        <source>已导入参考数据包：新增 {0}，修改 {1}，删除 {2}。</source>
        <translation>Reference packet imported: {0} new, {1} changed, {2} deleted.</translation>
    </message>
    <message>
        <location filename="../../ui/packets/special_dialog.py" line="409"/>
        <source>{0}：{1}</source>
        <translation>{0}: {1}</translation>
    </message>
    <message>
        <location filename="../../ui/packets/special_dialog.py" line="412"/>
        <source>{0}：无法识别的文件</source>
        <translation>{0}: not a packet</translation>
    </message>
    <message>
        <location filename="../../ui/packets/special_dialog.py" line="438"/>
        <source>完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../ui/packets/special_dialog.py" line="445"/>
        <source>本机已使用新的签名密钥。请把下面的新指纹告知{0}：{0}导入本单位的下一个数据包时要核对它，并重新登记本单位。</source>
        <translation>This PC now signs with a new key. Tell the {0} the new fingerprint below: the {0} checks it when importing this office&apos;s next packet, and re-enrols this office.</translation>
    </message>
    <message>
        <location filename="../../ui/packets/special_dialog.py" line="458"/>
        <source>重新登记：{0}的文件使用了新的密钥。请打电话给{1}，请对方读出其“签名公钥指纹”，与下面的指纹逐字核对，一致后再勾选。</source>
        <translation>Re-enrolment: the file from {0} is signed with a new key. Phone the {1}, have them read out their key fingerprint and compare it with the one below, character by character; tick the box only if they match.</translation>
    </message>
    <message>
        <location filename="../../ui/packets/special_dialog.py" line="462"/>
        <source>首次收到{0}的文件，导入时将登记其公钥。请打电话给{1}，请对方读出其“签名公钥指纹”，与下面的指纹逐字核对，一致后再勾选。</source>
        <translation>First file from {0}: its key will be enrolled on import. Phone the {1}, have them read out their key fingerprint and compare it with the one below, character by character; tick the box only if they match.</translation>
    </message>
</context>
<context>
    <name>StatsPage</name>
    <message>
        <location filename="../../ui/pages/stats_page.py" line="44"/>
        <source>全市统计表</source>
        <translation>City table</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats_page.py" line="45"/>
        <source>全省统计表</source>
        <translation>Province table</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats_page.py" line="46"/>
        <source>各单位统计行</source>
        <translation>Units&apos; statistics rows</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats_page.py" line="49"/>
        <source>台账统计（自动计算，供核对）</source>
        <translation>Ledger statistics (calculated automatically, for checking)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats_page.py" line="66"/>
        <source>地理标志商标 {0} 件；地理标志保护产品 {1} 个，其中已使用专用标志 {2} 个。</source>
        <translation>GI trademarks: {0}. GI protected products: {1}, of which using the GI mark: {2}.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats_page.py" line="72"/>
        <source>{0}填报 {1}，台账 {2}</source>
        <translation>{0}: reported {1}, ledger {2}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats_page.py" line="75"/>
        <source>与 {0} 的统计行不一致：</source>
        <translation>Differs from the statistics row of {0}: </translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats_page.py" line="78"/>
        <source>与 {0} 的统计行一致。</source>
        <translation>Agrees with the statistics row of {0}.</translation>
    </message>
</context>
<context>
    <name>SupervisionBar</name>
    <message>
        <location filename="../../ui/supervision.py" line="77"/>
        <source>列入异常名录…</source>
        <translation>List as abnormal…</translation>
    </message>
    <message>
        <location filename="../../ui/supervision.py" line="79"/>
        <source>移出异常名录…</source>
        <translation>Remove from abnormal list…</translation>
    </message>
    <message>
        <location filename="../../ui/supervision.py" line="81"/>
        <source>整改复查…</source>
        <translation>Re-check…</translation>
    </message>
    <message>
        <location filename="../../ui/supervision.py" line="82"/>
        <source>立案登记</source>
        <translation>Register case</translation>
    </message>
    <message>
        <location filename="../../ui/supervision.py" line="111"/>
        <source>请选择一条记录</source>
        <translation>Select a record</translation>
    </message>
    <message>
        <location filename="../../ui/supervision.py" line="111"/>
        <source>已删除的记录</source>
        <translation>Deleted record</translation>
    </message>
    <message>
        <location filename="../../ui/supervision.py" line="123"/>
        <source>用标状态：{0}</source>
        <translation>Mark-use status: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/supervision.py" line="127"/>
        <source>未列入异常名录</source>
        <translation>Not on the abnormal list</translation>
    </message>
    <message>
        <location filename="../../ui/supervision.py" line="138"/>
        <source>{0} {1}：{2}列入</source>
        <translation>{0} {1}: listed on {2}</translation>
    </message>
    <message>
        <location filename="../../ui/supervision.py" line="141"/>
        <location filename="../../ui/supervision.py" line="146"/>
        <source>（{0}）</source>
        <translation> ({0})</translation>
    </message>
    <message>
        <location filename="../../ui/supervision.py" line="143"/>
        <source>，未移出</source>
        <translation>, not removed</translation>
    </message>
    <message>
        <location filename="../../ui/supervision.py" line="144"/>
        <source>，{0}移出：{1}</source>
        <translation>, removed on {0}: {1}</translation>
    </message>
    <message>
        <location filename="../../ui/supervision.py" line="164"/>
        <source>整改：{0}，期限 {1}</source>
        <translation>Rectification: {0}, deadline {1}</translation>
    </message>
    <message>
        <location filename="../../ui/supervision.py" line="166"/>
        <source>，逾期 {0} 天</source>
        <translation>, {0} days overdue</translation>
    </message>
    <message>
        <location filename="../../ui/supervision.py" line="168"/>
        <source>，{0}复查</source>
        <translation>, re-checked on {0}</translation>
    </message>
    <message>
        <location filename="../../ui/supervision.py" line="177"/>
        <source>案件：{0} {1}（{2}）</source>
        <translation>Case: {0} {1} ({2})</translation>
    </message>
    <message>
        <location filename="../../ui/supervision.py" line="180"/>
        <source>立案待登记：检查结果为立案，尚未登记案件</source>
        <translation>Case to be registered: the result is 'case opened' but no case is registered yet</translation>
    </message>
    <message>
        <location filename="../../ui/supervision.py" line="184"/>
        <source>无需整改</source>
        <translation>No rectification</translation>
    </message>
    <message>
        <location filename="../../ui/supervision.py" line="211"/>
        <source>列入异常名录</source>
        <translation>List on the abnormal list</translation>
    </message>
    <message>
        <location filename="../../ui/supervision.py" line="212"/>
        <source>将“{0}”列入异常名录，其用标状态改为“列入异常名录”。</source>
        <translation>List “{0}” as abnormal; its status becomes 'on the abnormal list'.</translation>
    </message>
    <message>
        <location filename="../../ui/supervision.py" line="217"/>
        <source>已列入异常名录：{0}</source>
        <translation>Listed as abnormal: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/supervision.py" line="230"/>
        <source>移出异常名录</source>
        <translation>Remove from the abnormal list</translation>
    </message>
    <message>
        <location filename="../../ui/supervision.py" line="231"/>
        <source>将 {0} 移出异常名录；没有其他未移出的记录时，用标状态恢复为列入前的状态。</source>
        <translation>Remove {0} from the abnormal list; when no other entry lists the user, its status returns to what it was before the listing.</translation>
    </message>
    <message>
        <location filename="../../ui/supervision.py" line="248"/>
        <source>记录检查 {0} 的整改复查结果。</source>
        <translation>Record the re-check of inspection {0}.</translation>
    </message>
    <message>
        <location filename="../../ui/supervision.py" line="255"/>
        <source>整改复查</source>
        <translation>Re-check of rectification</translation>
    </message>
    <message>
        <location filename="../../ui/supervision.py" line="256"/>
        <source>复查未整改：可在用标主体页将其列入异常名录，或点“立案登记”立案查处。</source>
        <translation>Not rectified at the re-check: list the user as abnormal on the mark users page, or click 'Register case' to open a case.</translation>
    </message>
    <message>
        <location filename="../../ui/supervision.py" line="278"/>
        <source>已登记案件：{0}</source>
        <translation>Case registered: {0}</translation>
    </message>
</context>
<context>
    <name>TableExport</name>
    <message>
        <location filename="../../ui/tables/export_action.py" line="43"/>
        <source>Excel 文件 (*.xlsx)</source>
        <translation>Excel files (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../ui/tables/export_action.py" line="44"/>
        <source>CSV 文件（UTF-8）(*.csv)</source>
        <translation>CSV files (UTF-8) (*.csv)</translation>
    </message>
    <message>
        <location filename="../../ui/tables/export_action.py" line="66"/>
        <location filename="../../ui/tables/export_action.py" line="98"/>
        <source>导出 Excel</source>
        <translation>Export to Excel</translation>
    </message>
    <message>
        <location filename="../../ui/tables/export_action.py" line="68"/>
        <source>按当前的列、筛选、搜索和排序导出为 Excel（.xlsx）或 CSV</source>
        <translation>Export the columns, filters, search and sort shown to Excel (.xlsx) or CSV</translation>
    </message>
    <message>
        <location filename="../../ui/tables/export_action.py" line="70"/>
        <location filename="../../ui/tables/export_action.py" line="118"/>
        <source>下载模板</source>
        <translation>Download template</translation>
    </message>
    <message>
        <location filename="../../ui/tables/export_action.py" line="72"/>
        <source>空白导入模板：表头、下拉列表和填表说明，填好后可直接导入</source>
        <translation>An empty import template with headers, dropdowns and help; a filled one imports as it is</translation>
    </message>
    <message>
        <location filename="../../ui/tables/export_action.py" line="110"/>
        <source>已导出 {0} 条{1}记录：
{2}</source>
        <translation>Exported {0} record(s) of {1}:
{2}</translation>
    </message>
    <message>
        <location filename="../../ui/tables/export_action.py" line="113"/>
        <source>正在导出{0}</source>
        <translation>Exporting {0}</translation>
    </message>
    <message>
        <location filename="../../ui/tables/export_action.py" line="120"/>
        <source>{0}导入模板.xlsx</source>
        <translation>{0} import template.xlsx</translation>
    </message>
    <message>
        <location filename="../../ui/tables/export_action.py" line="129"/>
        <source>已保存{0}导入模板（表头为红色粗体的列为必填）：
{1}</source>
        <translation>Saved the {0} import template (columns with a bold red header are required):
{1}</translation>
    </message>
    <message>
        <location filename="../../ui/tables/export_action.py" line="132"/>
        <source>正在生成{0}导入模板</source>
        <translation>Making the {0} import template</translation>
    </message>
    <message>
        <location filename="../../ui/tables/export_action.py" line="149"/>
        <source>文件无法写入：{0}</source>
        <translation>Cannot write the file: {0}</translation>
    </message>
</context>
<context>
    <name>TargetsPage</name>
    <message>
        <location filename="../../ui/pages/targets_page.py" line="218"/>
        <source>工作目标由市局、省局制定和考核；县级台账不显示。</source>
        <translation>Targets are set and assessed by the city or province bureau; a county ledger does not show them.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/targets_page.py" line="227"/>
        <source>完成情况</source>
        <translation>Evaluation</translation>
    </message>
    <message>
        <location filename="../../ui/pages/targets_page.py" line="228"/>
        <source>目标列表</source>
        <translation>Target list</translation>
    </message>
</context>
<context>
    <name>TasksPage</name>
    <message>
        <location filename="../../ui/pages/tasks_page.py" line="414"/>
        <source>本单位工作计划</source>
        <translation>Our work plans</translation>
    </message>
    <message>
        <location filename="../../ui/pages/tasks_page.py" line="416"/>
        <source>上级下达的任务</source>
        <translation>Tasks from the parent office</translation>
    </message>
</context>
<context>
    <name>TypicalCases</name>
    <message>
        <location filename="../../ui/pages/cases_page.py" line="48"/>
        <source>典型案例…</source>
        <translation>Typical cases…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cases_page.py" line="50"/>
        <source>列出标为典型案例的案件，导出公布用的 Excel 或 PDF</source>
        <translation>List the cases marked typical and export them as Excel or PDF for publication</translation>
    </message>
</context>
<context>
    <name>TypicalCasesDialog</name>
    <message>
        <location filename="../../ui/pages/cases_page.py" line="74"/>
        <source>典型案例（本单位）</source>
        <translation>Typical cases (this office)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cases_page.py" line="74"/>
        <source>典型案例（各单位）</source>
        <translation>Typical cases (all units)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cases_page.py" line="78"/>
        <source>立案年度：</source>
        <translation>Year filed:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cases_page.py" line="81"/>
        <source>全部年度</source>
        <translation>Every year</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cases_page.py" line="93"/>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cases_page.py" line="93"/>
        <source>案件编号</source>
        <translation>Case number</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cases_page.py" line="93"/>
        <source>当事人</source>
        <translation>Party</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cases_page.py" line="93"/>
        <source>地理标志</source>
        <translation>GI</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cases_page.py" line="94"/>
        <source>违法行为</source>
        <translation>Act</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cases_page.py" line="94"/>
        <source>处理处罚</source>
        <translation>Penalty</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cases_page.py" line="94"/>
        <source>案例简介</source>
        <translation>Summary</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cases_page.py" line="108"/>
        <source>导出 Excel…</source>
        <translation>Export Excel…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cases_page.py" line="111"/>
        <source>导出 PDF…</source>
        <translation>Export PDF…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cases_page.py" line="114"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cases_page.py" line="143"/>
        <source>共 {0} 件典型案例</source>
        <translation>{0} typical case(s)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cases_page.py" line="144"/>
        <source>没有标为典型案例的案件（在案件中勾选“典型案例”并填写案例简介）</source>
        <translation>No case is marked typical (tick &apos;typical case&apos; in a case and write its public summary)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cases_page.py" line="152"/>
        <source>导出典型案例</source>
        <translation>Export typical cases</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cases_page.py" line="154"/>
        <source>典型案例{0}</source>
        <translation>Typical cases {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cases_page.py" line="154"/>
        <source>典型案例</source>
        <translation>Typical cases</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cases_page.py" line="162"/>
        <source>已保存典型案例（{0} 件）：
{1}</source>
        <translation>Saved the typical cases ({0}):
{1}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cases_page.py" line="168"/>
        <source>文件无法写入：{0}</source>
        <translation>Cannot write the file: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cases_page.py" line="184"/>
        <source>正在导出典型案例</source>
        <translation>Exporting the typical cases</translation>
    </message>
</context>
<context>
    <name>UnitTasksView</name>
    <message>
        <location filename="../../ui/pages/tasks_page.py" line="341"/>
        <source>报告进展</source>
        <translation>Report progress</translation>
    </message>
    <message>
        <location filename="../../ui/pages/tasks_page.py" line="376"/>
        <source>共 {0} 项任务，已报告进展 {1} 项</source>
        <translation>{0} task(s), progress reported on {1}</translation>
    </message>
</context>
<context>
    <name>UnitsDialog</name>
    <message>
        <location filename="../../ui/pages/units_dialog.py" line="43"/>
        <location filename="../../ui/pages/units_dialog.py" line="111"/>
        <source>单位列表</source>
        <translation>Reporting units</translation>
    </message>
    <message>
        <location filename="../../ui/pages/units_dialog.py" line="51"/>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/units_dialog.py" line="51"/>
        <source>单位代码</source>
        <translation>Unit code</translation>
    </message>
    <message>
        <location filename="../../ui/pages/units_dialog.py" line="51"/>
        <source>单位名称</source>
        <translation>Unit name</translation>
    </message>
    <message>
        <location filename="../../ui/pages/units_dialog.py" line="59"/>
        <source>上移</source>
        <translation>Move up</translation>
    </message>
    <message>
        <location filename="../../ui/pages/units_dialog.py" line="60"/>
        <source>下移</source>
        <translation>Move down</translation>
    </message>
    <message>
        <location filename="../../ui/pages/units_dialog.py" line="61"/>
        <source>改名…</source>
        <translation>Rename…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/units_dialog.py" line="62"/>
        <source>移除</source>
        <translation>Remove</translation>
    </message>
    <message>
        <location filename="../../ui/pages/units_dialog.py" line="68"/>
        <source>单位代码，如 130181</source>
        <translation>Unit code, e.g. 130181</translation>
    </message>
    <message>
        <location filename="../../ui/pages/units_dialog.py" line="70"/>
        <source>名称（可不填）</source>
        <translation>Name (optional)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/units_dialog.py" line="74"/>
        <source>添加</source>
        <translation>Add</translation>
    </message>
    <message>
        <location filename="../../ui/pages/units_dialog.py" line="91"/>
        <source>统计表按此顺序列出各单位。</source>
        <translation>The city table lists the units in this order.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/units_dialog.py" line="92"/>
        <source>统计表按此顺序列出各单位。尚未修改，显示默认列表。</source>
        <translation>The city table lists the units in this order. Not changed yet: the default list.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/units_dialog.py" line="135"/>
        <source>改名</source>
        <translation>Rename</translation>
    </message>
    <message>
        <location filename="../../ui/pages/units_dialog.py" line="135"/>
        <source>{0} 的显示名称</source>
        <translation>The name shown for {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/units_dialog.py" line="147"/>
        <source>移除单位</source>
        <translation>Remove a unit</translation>
    </message>
    <message>
        <location filename="../../ui/pages/units_dialog.py" line="148"/>
        <source>从统计表中移除 {0}？其记录保留，只是不再列出。</source>
        <translation>Take {0} off the city table? Its records stay; it is only no longer listed.</translation>
    </message>
</context>
<context>
    <name>ValuesPage</name>
    <message>
        <location filename="../../ui/tables/wizard_values.py" line="48"/>
        <source>列</source>
        <translation>Column</translation>
    </message>
    <message>
        <location filename="../../ui/tables/wizard_values.py" line="48"/>
        <source>字段</source>
        <translation>Field</translation>
    </message>
    <message>
        <location filename="../../ui/tables/wizard_values.py" line="48"/>
        <source>文件中的值</source>
        <translation>Value in the file</translation>
    </message>
    <message>
        <location filename="../../ui/tables/wizard_values.py" line="48"/>
        <source>行数</source>
        <translation>Rows</translation>
    </message>
    <message>
        <location filename="../../ui/tables/wizard_values.py" line="48"/>
        <source>首次出现</source>
        <translation>First seen</translation>
    </message>
    <message>
        <location filename="../../ui/tables/wizard_values.py" line="49"/>
        <source>对应为</source>
        <translation>Means</translation>
    </message>
    <message>
        <location filename="../../ui/tables/wizard_values.py" line="66"/>
        <source>第 {0} 行</source>
        <translation>row {0}</translation>
    </message>
    <message>
        <location filename="../../ui/tables/wizard_values.py" line="69"/>
        <source>（不对应：这些行将被拒绝）</source>
        <translation>(not mapped: these rows will be refused)</translation>
    </message>
    <message>
        <location filename="../../ui/tables/wizard_values.py" line="81"/>
        <source>下面这些值不是“{0}”认得的选项。每个不同的值只列一次，请选择它对应的选项；不选的值所在的行会被拒绝。</source>
        <translation>These values are not options the {0} register knows. Each distinct value is listed once: choose the option it means; rows with a value left unmapped will be refused.</translation>
    </message>
    <message>
        <location filename="../../ui/tables/wizard_values.py" line="84"/>
        <source>所有代码类的列（选项、是/否）的值都认得，不需要对应。</source>
        <translation>Every value of the coded columns (choices, yes/no) is known; nothing to map.</translation>
    </message>
</context>
</TS>
