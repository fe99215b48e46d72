"""Message catalogue: every user-facing error and warning, in zh and en.

Keeping the words here (not at the raise sites) means a message is written
once per language and tests can pin it exactly.
"""

from __future__ import annotations

from typing import Any

MESSAGES: dict[str, dict[str, str]] = {
    # condition syntax
    "syntax": {
        "zh": "条件语法错误（{label}）：在“{token}”处，期望 {expected}",
        "en": "syntax error in condition ({label}): at '{token}', expected {expected}",
    },
    "syntax_end": {
        "zh": "条件语法错误（{label}）：条件不完整，期望 {expected}",
        "en": "syntax error in condition ({label}): the condition ends too early, expected {expected}",
    },
    "syntax_char": {
        "zh": "条件语法错误：无法识别的字符“{char}”",
        "en": "syntax error in condition: unexpected character '{char}'",
    },
    "too_long": {
        "zh": "条件过长（{length} 个字符，上限 {limit}）",
        "en": "condition too long ({length} characters, limit {limit})",
    },
    "too_deep": {
        "zh": "条件嵌套过深（上限 {limit} 层）",
        "en": "condition nested too deeply (limit {limit} levels)",
    },
    # condition meaning
    "unknown_name": {
        "zh": "未知名称“{name}”：{scope}中没有这个输入或计算量{hint}",
        "en": "unknown name '{name}': no input or measure of that name in {scope}{hint}",
    },
    "unknown_function": {
        "zh": "未知函数“{name}”，可用：{allowed}{hint}",
        "en": "unknown function '{name}'; available: {allowed}{hint}",
    },
    "bad_arity": {
        "zh": "函数 {name} 需要 {expected} 个参数，写了 {got} 个",
        "en": "function {name} takes {expected} argument(s), {got} given",
    },
    "type_mismatch": {
        "zh": "类型不符：{left} 与 {right} 不能{action}",
        "en": "type mismatch: {left} and {right} cannot be {action_en}",
    },
    "percent_needs_percent": {
        "zh": "百分比“{name}”须与百分数比较，请写作 {suggest}",
        "en": "percent '{name}' must be compared with a percent, write {suggest}",
    },
    "unit_mismatch": {
        "zh": "单位不符：{name} 的单位是 {expected}，条件写的是 {got}",
        "en": "unit mismatch: {name} is in {expected}, the condition says {got}",
    },
    "unit_on_non_number": {
        "zh": "单位 {unit} 只能用于带单位的数值输入，这里比较的是 {other}",
        "en": "unit {unit} only fits a number input with that unit, here it meets {other}",
    },
    "enum_value": {
        "zh": "“{value}”不是 {name} 的取值，可选：{allowed}",
        "en": "'{value}' is not a value of {name}; allowed: {allowed}",
    },
    "not_boolean": {
        "zh": "{what} 须是成立/不成立的条件，这里是 {type}",
        "en": "{what_en} must be a true/false condition, here it is {type}",
    },
    "not_numeric": {
        "zh": "{what} 须是数值，这里是 {type}",
        "en": "{what_en} must be a number, here it is {type}",
    },
    "tier_ref_arg": {
        "zh": "tier(n) 的 n 须是 1 到 5 的整数",
        "en": "the n of tier(n) must be a whole number from 1 to 5",
    },
    "tier_ref_absent": {
        "zh": "tier({n}) 指向的 {n} 星级不存在",
        "en": "tier({n}) refers to tier {n}, which this indicator does not have",
    },
    "tier_ref_not_lower": {
        "zh": "{tier} 星级只能引用更低的星级，tier({n}) 不是",
        "en": "tier {tier} may only refer to a lower tier, tier({n}) is not lower",
    },
    "tier_ref_outside": {
        "zh": "tier(n) 只能用在星级条件中",
        "en": "tier(n) can only be used in a tier condition",
    },
    "measure_cycle": {
        "zh": "计算量循环引用：{cycle}",
        "en": "computed measures refer to each other in a cycle: {cycle}",
    },
    "measure_type": {
        "zh": "计算量 {name} 声明为 {declared}，表达式得到的是 {got}",
        "en": "measure {name} is declared {declared}, its expression gives {got}",
    },
    # rule files
    "yaml_syntax": {"zh": "YAML 语法错误：{detail}", "en": "YAML syntax error: {detail}"},
    "duplicate_key": {
        "zh": "键“{key}”重复（第一次出现在第 {first} 行）",
        "en": "key '{key}' given twice (first on line {first})",
    },
    "unknown_key": {
        "zh": "未知的键“{key}”（{where}）{hint}",
        "en": "unknown key '{key}' (in {where}){hint}",
    },
    "missing_key": {
        "zh": "缺少必填的键“{key}”（{where}）",
        "en": "required key '{key}' is missing (in {where})",
    },
    "wrong_type": {
        "zh": "“{key}”的值应为{expected}，实际是 {got}",
        "en": "'{key}' should be {expected_en}, got {got}",
    },
    "bad_value": {
        "zh": "“{key}”的值 {got} 不合法：{why}",
        "en": "'{key}' has an invalid value {got}: {why_en}",
    },
    "duplicate_indicator": {
        "zh": "指标编号 {id} 重复（另见 {other}）",
        "en": "indicator id {id} defined twice (also in {other})",
    },
    "unknown_category": {
        "zh": "指标 {id} 的类别 {category} 未在 edition.yaml 中声明{hint}",
        "en": "indicator {id} has category {category}, which edition.yaml does not declare{hint}",
    },
    "weight_without_tier": {
        "zh": "{id}：{tier} 星有权重但没有条件，该权重不起作用",
        "en": "{id}: tier {tier} has a weight but no condition; the weight is ignored",
    },
    "tier_without_weight": {
        "zh": "{id}：{tier} 星有条件但没有权重，达到该星级得 0 分",
        "en": "{id}: tier {tier} has a condition but no weight; reaching it scores 0 points",
    },
    "no_edition": {
        "zh": "找不到标准版本“{name}”：既不是内置版本，也不是含 edition.yaml 的文件夹。内置版本：{known}",
        "en": "no edition '{name}': neither a bundled edition nor a folder with edition.yaml. Bundled: {known}",
    },
    "file_missing": {"zh": "文件不存在：{path}", "en": "no such file: {path}"},
    "not_text": {"zh": "不是 UTF-8 文本文件", "en": "not a UTF-8 text file"},
    "empty_file": {"zh": "文件为空", "en": "the file is empty"},
    "too_big": {
        "zh": "文件过大（{size} 字节，上限 {limit}）",
        "en": "file too large ({size} bytes, limit {limit})",
    },
    "yaml_too_complex": {
        "zh": "YAML 结构过于复杂（{why}），已拒绝",
        "en": "YAML structure too complex ({why_en}); refused",
    },
    "not_mapping": {
        "zh": "{what}顶层应为映射（键: 值），实际是 {got}",
        "en": "the top level of {what_en} should be a mapping (key: value), got {got}",
    },
    # semantic warnings (check)
    "identical_tiers": {
        "zh": "{id}：{a} 星与 {b} 星条件相同{consequence}",
        "en": "{id}: tiers {a} and {b} have the same condition{consequence}",
    },
    "unreachable_tier": {
        "zh": "{id}：在“{policy}”规则下 {a} 星永远无法评定：{why}",
        "en": "{id}: tier {a} can never be awarded under '{policy}': {why}",
    },
    "non_monotone": {
        "zh": "{id}：{name} 的门槛随星级上升反而放宽（{a} 星 {ta}，{b} 星 {tb}）",
        "en": "{id}: the threshold on {name} gets easier as the tier rises (tier {a}: {ta}; tier {b}: {tb})",
    },
    "weights_not_increasing": {
        "zh": "{id}：{b} 星权重 {wb} 不高于 {a} 星权重 {wa}",
        "en": "{id}: the weight of tier {b} ({wb}) is not above that of tier {a} ({wa})",
    },
    "category_sum": {
        "zh": "类别 {id} 各指标最高权重之和为 {sum}，与类别满分 {max} 不符",
        "en": "category {id}: the top weights of its indicators add up to {sum}, not its maximum {max}",
    },
    "total_sum": {
        "zh": "各类别满分之和为 {sum}，与总分 {total} 不符",
        "en": "the category maxima add up to {sum}, not the declared total {total}",
    },
    "unused_input": {
        "zh": "{id}：输入 {name} 已声明，但没有星级条件、计算量或扣分式使用它",
        "en": "{id}: input {name} is declared but no tier, measure or deduction uses it",
    },
    # data files
    "data_unknown_indicator": {
        "zh": "未知指标“{id}”{hint}",
        "en": "unknown indicator '{id}'{hint}",
    },
    "data_unknown_field": {
        "zh": "指标 {id} 没有字段“{field}”{hint}",
        "en": "indicator {id} has no field '{field}'{hint}",
    },
    "data_bad_value": {
        "zh": "{id}.{field}（{label}）：{got} 不合法，应为{expected}",
        "en": "{id}.{field} ({label}): {got} is not valid, expected {expected_en}",
    },
    "data_out_of_range": {
        "zh": "{id}.{field}（{label}）：{got} 超出允许范围 {range}",
        "en": "{id}.{field} ({label}): {got} is outside the allowed range {range}",
    },
    "data_fraction_like": {
        "zh": "{count} 个百分比字段的值小于 1（如 {example}），看起来像小数写法；85% 应写作 85 或 \"85%\"，而不是 0.85",
        "en": "{count} percent field(s) hold plain numbers below 1 (e.g. {example}); they look like fractions: write 85 or \"85%\" for 85 %, not 0.85",
    },
    "data_constraint": {
        "zh": "{id}：数据自相矛盾：{message}",
        "en": "{id}: the data contradict each other: {message}",
    },
    "data_standard_mismatch": {
        "zh": "数据文件写明的标准是“{given}”，但本次按 {used} 评价",
        "en": "the data file names the standard '{given}', but it is evaluated under {used}",
    },
    "data_csv_header": {
        "zh": "CSV 表头应为 indicator,field,value（可带 label 等说明列），实际是 {got}",
        "en": "the CSV header should be indicator,field,value (label and other note columns allowed), got {got}",
    },
    # authoring: check, test, schema, template (issue 3)
    "measure_shadows_input": {
        "zh": "{id}：计算量“{name}”与一个输入同名",
        "en": "{id}: measure '{name}' has the same name as an input",
    },
    "identical_consequence": {
        "zh": "，{a} 星永远无法评定",
        "en": "; tier {a} can never be awarded",
    },
    "why_unsatisfiable": {
        "zh": "没有任何取值能满足它的条件",
        "en": "no values can meet its condition",
    },
    "why_higher": {
        "zh": "满足它的城市总会达到更高的星级",
        "en": "every city meeting it also meets a higher tier",
    },
    "why_with_lower": {
        "zh": "没有城市能同时满足它和所有更低星级",
        "en": "no city can meet it together with every lower tier",
    },
    "why_next": {
        "zh": "满足它及所有更低星级的城市总会达到 {b} 星",
        "en": "every city meeting it and every lower tier also meets tier {b}",
    },
    "check_summary": {
        "zh": "{folder}：{errors} 个错误，{warnings} 个警告",
        "en": "{folder}: {errors} error(s), {warnings} warning(s)",
    },
    "case_none": {
        "zh": "{folder} 中没有测试用例（用例放在 tests/*.yaml）",
        "en": "no test cases in {folder} (cases go in tests/*.yaml)",
    },
    "case_pass": {"zh": "通过    {file}{title}", "en": "pass    {file}{title}"},
    "case_fail": {"zh": "未通过  {file}{title}", "en": "FAIL    {file}{title}"},
    "case_broken": {"zh": "无法运行 {file}", "en": "BROKEN  {file}"},
    "case_stars": {
        "zh": "{id}：期望 {expected}，实际 {got}",
        "en": "{id}: expected {expected}, got {got}",
    },
    "case_score": {
        "zh": "{id} 得分：期望 {expected}，实际 {got}",
        "en": "{id} score: expected {expected}, got {got}",
    },
    "case_total": {
        "zh": "总分：期望 {expected}，实际 {got}",
        "en": "total: expected {expected}, got {got}",
    },
    "case_deduction": {
        "zh": "扣分：期望 {expected}，实际 {got}",
        "en": "deduction: expected {expected}, got {got}",
    },
    "case_deducted": {"zh": "扣 {points} 分", "en": "{points} points deducted"},
    "case_summary": {
        "zh": "{passed} 个用例通过，{failed} 个未通过",
        "en": "{passed} passed, {failed} failed",
    },
    "case_bad_expect": {
        "zh": "“{key}”的期望值 {got} 不合法：{why}",
        "en": "'{key}' has an invalid expected value {got}: {why_en}",
    },
    "case_no_expect": {
        "zh": "用例没有“expect”，不检查任何结果",
        "en": "the case has no 'expect', so it checks nothing",
    },
    "sheet_title": {
        "zh": "数据采集表：{standard} {title}",
        "en": "Data collection sheet: {standard} {title}",
    },
    "sheet_help": {
        "zh": "在每个字段的冒号后填写数值；不知道的留空（该指标记为未评估）。填好后运行：zhibiao evaluate 本文件",
        "en": "Write each value after its colon; leave unknown ones blank (that indicator is then not assessed). Then run: zhibiao evaluate THIS_FILE",
    },
    "sheet_entity": {"zh": "城市名称", "en": "name of the city"},
    "sheet_period": {"zh": "统计年度", "en": "year of the data"},
    "sheet_percent": {"zh": "写 85 或 \"85%\"", "en": "write 85 or \"85%\""},
    "sheet_bool": {"zh": "是/否：填 true 或 false", "en": "yes/no: true or false"},
    "sheet_choices": {"zh": "可选：{values}", "en": "one of: {values}"},
    "sheet_range": {"zh": "范围 {range}", "en": "range {range}"},
    "sheet_deduction": {"zh": "扣分项", "en": "deduction item"},
    # templates
    "template_unsafe": {
        "zh": "模板 {name} 试图访问不允许的内部属性，已阻止：{detail}",
        "en": "template {name} tried to reach an internal attribute and was stopped: {detail}",
    },
    "template_undefined": {
        "zh": "模板 {name} 使用了未定义的变量：{detail}",
        "en": "template {name} uses an undefined variable: {detail}",
    },
    "template_error": {"zh": "模板 {name} 有误：{detail}", "en": "template {name} is broken: {detail}"},
    # evaluation
    "zero_divisor": {
        "zh": "{label}为 0，无法计算（除数为 0）",
        "en": "{label} is 0, so this cannot be computed (division by zero)",
    },
}


def message(code: str, lang: str = "zh", **params: Any) -> str:
    entry = MESSAGES.get(code)
    if entry is None:  # pragma: no cover - a programming error, kept readable
        return f"{code}: {params}"
    template = entry.get(lang) or entry["zh"]
    # A parameter may itself be bilingual: {"zh": ..., "en": ...}.
    local = {k: (v.get(lang, v.get("zh")) if isinstance(v, dict) and "zh" in v else v) for k, v in params.items()}
    return template.format(**local)
