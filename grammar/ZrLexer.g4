// Zhunru (准入) access-list language — lexer.
// The syntax contract is docs/language.md. Every keyword has an English and a Chinese spelling;
// both give the same token. Chinese literals are written as \u escapes so that the ANTLR tool
// reads this file identically whatever the platform's default encoding is; the comment after
// each rule shows the Chinese spelling(s).
//
// Maximal munch applies: a Chinese keyword directly followed by more Han characters is part of
// a longer identifier (自然保护区 is one name), so keywords are separated by spaces.
//
// If you add or rename a keyword, update compiler/syntax/Keywords.cpp (the table used for
// messages and "did you mean"); tests/unit/syntax_test.cpp checks that the two agree.

lexer grammar ZrLexer;

// ---- keywords (English | 中文) -----------------------------------------------------------------
ACCESSLIST   : 'accesslist' | '\u51C6\u5165\u6E05\u5355' ;  // 准入清单
MODULE       : 'module' | '\u6A21\u5757' ;  // 模块
LEVEL        : 'level' | '\u5C42\u7EA7' ;  // 层级
NATION       : 'nation' | '\u56FD\u5BB6\u7EA7' ;  // 国家级
PROVINCE     : 'province' | '\u7701\u7EA7' ;  // 省级
CITY         : 'city' | '\u5E02\u7EA7' ;  // 市级
JURISDICTION : 'jurisdiction' | '\u8F96\u533A' ;  // 辖区
PARENT       : 'parent' | '\u4E0A\u7EA7' ;  // 上级
IMPORT       : 'import' | '\u5BFC\u5165' ;  // 导入
ATTRIBUTE    : 'attribute' | '\u5C5E\u6027' ;  // 属性
LABEL        : 'label' | '\u6807\u7B7E' ;  // 标签
INDUSTRY     : 'industry' | '\u884C\u4E1A' ;  // 行业
UNITS        : 'units' | '\u5355\u5143\u96C6' ;  // 单元集
UNIT         : 'unit' | '\u5355\u5143' ;  // 单元
CLASS        : 'class' | '\u7C7B\u522B' ;  // 类别
PRIORITY     : 'priority' | '\u4F18\u5148\u4FDD\u62A4' | '\u4F18\u5148' ;  // 优先保护 / 优先
KEY          : 'key' | '\u91CD\u70B9\u7BA1\u63A7' | '\u91CD\u70B9' ;  // 重点管控 / 重点
GENERAL      : 'general' | '\u4E00\u822C\u7BA1\u63A7' | '\u4E00\u822C' ;  // 一般管控 / 一般
COUNTIES     : 'counties' | '\u533A\u53BF\u96C6' ;  // 区县集
COUNTY       : 'county' | '\u533A\u53BF' ;  // 区县
KIND         : 'kind' | '\u5B50\u7C7B' ;  // 子类
REGION       : 'region' | '\u533A\u57DF' ;  // 区域
CITIES       : 'cities' | '\u57CE\u5E02\u96C6' ;  // 城市集
OPEN         : 'open' | '\u5F00\u653E' ;  // 开放
SET          : 'set' | '\u96C6\u5408' ;  // 集合
OF           : 'of' | '\u5143\u7D20' ;  // 元素
EXTEND       : 'extend' | '\u6269\u5145' ;  // 扩充
FOR          : 'for' | '\u4E8E' ;  // 于
DEFINE       : 'define' | '\u5B9A\u4E49' ;  // 定义
SCOPE        : 'scope' | '\u8303\u56F4' ;  // 范围
ALL          : 'all' | '\u5168\u90E8' ;  // 全部
RULE         : 'rule' | '\u89C4\u5219' ;  // 规则
REFINE       : 'refine' | '\u7EC6\u5316' ;  // 细化
AS           : 'as' | '\u4F5C\u4E3A' ;  // 作为
FORBID       : 'forbid' | '\u7981\u6B62' ;  // 禁止
UNLESS       : 'unless' | '\u9664\u975E' ;  // 除非
REQUIRE      : 'require' | '\u8981\u6C42' ;  // 要求
WHEN         : 'when' | '\u5F53' ;  // 当
LIMIT        : 'limit' | '\u9650\u5236' ;  // 限制
CITE         : 'cite' | '\u4F9D\u636E' ;  // 依据
EFFECTIVE    : 'effective' | '\u751F\u6548' ;  // 生效
FROM         : 'from' | '\u81EA' ;  // 自
UNTIL        : 'until' | '\u81F3' ;  // 至
AND          : 'and' | '\u4E14' ;  // 且
OR           : 'or' | '\u6216' ;  // 或
NOT_IN       : '\u4E0D\u5C5E\u4E8E' ;  // 不属于
NOT          : 'not' | '\u975E' ;  // 非
IN           : 'in' | '\u5C5E\u4E8E' ;  // 属于
TRUE         : 'true' | '\u771F' ;  // 真
FALSE        : 'false' | '\u5047' ;  // 假
PROJECT      : 'project' | '\u9879\u76EE' ;  // 项目
LAYOUT       : 'layout' | '\u7A7A\u95F4\u5E03\u5C40\u7EA6\u675F' | '\u533A\u57DF\u5E03\u5C40\u7BA1\u63A7' | '\u7A7A\u95F4\u5E03\u5C40\u5F15\u5BFC' ;  // 空间布局约束 / 区域布局管控 / 空间布局引导
EMISSION     : 'emission' | '\u6C61\u67D3\u7269\u6392\u653E\u7BA1\u63A7' ;  // 污染物排放管控
RISK         : 'risk' | '\u73AF\u5883\u98CE\u9669\u9632\u63A7' ;  // 环境风险防控
RESOURCE     : 'resource' | '\u8D44\u6E90\u5F00\u53D1\u6548\u7387\u8981\u6C42' | '\u80FD\u6E90\u8D44\u6E90\u5229\u7528' | '\u8D44\u6E90\u5229\u7528\u6548\u7387' ;  // 资源开发效率要求 / 能源资源利用 / 资源利用效率
BOOL         : 'bool' | '\u5E03\u5C14' ;  // 布尔
ENUM         : 'enum' | '\u679A\u4E3E' ;  // 枚举
NUMBER_TYPE  : 'number' | '\u6570\u503C' ;  // 数值
QUANTITY     : 'quantity' | '\u6570\u91CF' ;  // 数量
STRING_TYPE  : 'string' | '\u6587\u672C' ;  // 文本
DATE_TYPE    : 'date' | '\u65E5\u671F' ;  // 日期
LAYER        : 'layer' | '\u56FE\u5C42' ;  // 图层
DISTANCE_TO  : 'distance_to' | '\u8DDD\u79BB' ;  // 距离
WITHIN       : 'within' | '\u4F4D\u4E8E' ;  // 位于

// ---- literals ---------------------------------------------------------------------------------
// compiler/syntax/TokenFactory.cpp (lexerInput) mirrors where strings and comments begin and end
// (it simplifies their contents before lexing): change it too if you change those rules.
DATE          : DIGIT DIGIT DIGIT DIGIT '-' DIGIT DIGIT '-' DIGIT DIGIT ;   // before NUMBER
NUMBER        : DIGIT+ ( '.' DIGIT+ )? ;
STRING        : '"' ( ~["\\\r\n] | '\\' ~[\r\n] )* '"'
              | '\u201C' ~[\u201D\r\n]* '\u201D'                           // “…”
              ;
ID            : ID_START ID_PART* ( '-' ID_PART+ )* ;

// ---- operators and punctuation ----------------------------------------------------------------
LE            : '<=' ;
GE            : '>=' ;
EQ            : '==' ;
NE            : '!=' ;
PLUS_ASSIGN   : '+=' ;
AND_AND       : '&&' ;   // not Zhunru: reported as "use and"
OR_OR         : '||' ;   // not Zhunru: reported as "use or"
LT            : '<' ;
GT            : '>' ;
ASSIGN        : '=' ;
BANG          : '!' ;    // not Zhunru: reported as "use not"
AMP           : '&' ;
PIPE          : '|' ;    // not Zhunru: reported as "use or"
PLUS          : '+' ;
MINUS         : '-' ;
STAR          : '*' ;
SLASH         : '/' ;
PERCENT       : '%' ;
COLON         : ':' ;
COMMA         : ',' ;
DOT           : '.' ;
LPAREN        : '(' ;
RPAREN        : ')' ;
LBRACE        : '{' ;
RBRACE        : '}' ;

// ---- skipped ----------------------------------------------------------------------------------
LINE_COMMENT  : '//' ~[\r\n]* -> skip ;
BLOCK_COMMENT : '/*' .*? '*/' -> skip ;
WS            : [ \t\r\n\f\u3000\uFEFF]+ -> skip ;   // also the ideographic space and a BOM

// ---- error tokens: never valid; compiler/syntax reports them before parsing --------------------
// A string without its closing quote on the same line (a terminated string is one character
// longer, so STRING wins when the quote is there).
UNTERMINATED_STRING  : '"' ( ~["\\\r\n] | '\\' ~[\r\n] )* '\\'?
                     | '\u201C' ~[\u201D\r\n]*
                     ;
// A block comment that never closes (cannot contain "*/", so BLOCK_COMMENT wins when it closes).
UNTERMINATED_COMMENT : '/*' ( ~'*' | '*'+ ~[*/] )* '*'* ;
ERROR_CHAR           : . ;

fragment DIGIT    : [0-9] ;
fragment ID_START : [A-Za-z_\u4E00-\u9FFF\u3400-\u4DBF] ;
fragment ID_PART  : [A-Za-z0-9_\u4E00-\u9FFF\u3400-\u4DBF] ;
