// Zhunru (准入) access-list language — parser. The contract is docs/language.md.
//
// Notes for maintainers:
// - No statement or clause needs a terminator: every declaration and every rule clause starts
//   with a keyword, so the parser knows where one ends.
// - A few alternatives are *error productions*: they accept a common drafting mistake so that
//   compiler/syntax/AstBuilder can report it in the project's own words (marked "error:").
// - Expression precedence, loosest first: or > and > not > comparison / membership > + - > * /.
// - The parse tree is only seen by compiler/syntax; everything after works on ast::File.

parser grammar ZrParser;

options { tokenVocab = ZrLexer; }

file : decl* EOF ;

// A header or module line is only valid as the first declaration (checked by the builder, so
// that a misplaced one gets a clear message instead of a syntax error).
decl : ruleDecl | refineDecl | otherDecl ;
otherDecl
  : header
  | importDecl
  | attributeDecl
  | industryDecl
  | unitDecl
  | regionDecl
  | setDecl
  | extendDecl
  | defineDecl
  | layerDecl
  | scopeBlock
  ;

// ---- file headers -------------------------------------------------------------------------------
header : listHeader | moduleHeader ;
listHeader : ACCESSLIST STRING LEVEL levelName JURISDICTION NUMBER ( PARENT STRING )? ;
moduleHeader : MODULE dottedName ( LEVEL levelName )? ;
levelName : NATION | PROVINCE | CITY ;

importDecl : IMPORT dottedName ( COMMA dottedName )* ;
dottedName : anyName ( DOT anyName )* ;

// ---- schema and taxonomy ------------------------------------------------------------------------
attributeDecl : ATTRIBUTE anyName COLON typeExpr ( LABEL STRING STRING? )? ;

typeExpr
  : BOOL                                  # boolType
  | NUMBER_TYPE                           # numberType
  | STRING_TYPE                           # stringType
  | DATE_TYPE                             # dateType
  | INDUSTRY                              # industryType
  | QUANTITY LT unitText GT               # quantityType
  | ENUM enumBody                         # enumType
  | SET LT typeExpr GT                    # setType
  ;
enumBody : LBRACE enumMember ( COMMA? enumMember )* COMMA? RBRACE ;   // error: missing comma
enumMember : ident STRING? ;

industryDecl : INDUSTRY ID STRING ;

// ---- places -------------------------------------------------------------------------------------
unitDecl
  : UNIT ID STRING CLASS className COUNTY NUMBER ( KIND STRING )?
    ( IN ident ( COMMA ident )* )?
  ;
className : PRIORITY | KEY | GENERAL ;

regionDecl : REGION ident STRING? ( ASSIGN regionMembers )? ;
regionMembers
  : UNITS LPAREN ID ( COMMA ID )* RPAREN              # unitMembers
  | COUNTIES LPAREN NUMBER ( COMMA NUMBER )* RPAREN   # countyMembers
  | CITIES LPAREN NUMBER ( COMMA NUMBER )* RPAREN     # cityMembers
  ;

// ---- sets, extensions, definitions --------------------------------------------------------------
setDecl : OPEN? SET ident OF anyName ( ASSIGN setLiteral )? ( CITE STRING )? ;
extendDecl : EXTEND ident ( FOR scopeExpr )? PLUS_ASSIGN setLiteral ;
defineDecl : DEFINE ident ASSIGN cond ;

// A named geometry layer (a river, a lake, protection zones) that spatial facts refer to.
layerDecl : LAYER ident STRING? ;

// ---- scopes and rules ---------------------------------------------------------------------------
// Only rules belong in a scope block; other declarations are accepted here so that the builder
// can say so (error production) instead of losing the rest of the block.
scopeBlock : SCOPE scopeExpr LBRACE ( ruleDecl | refineDecl | otherDecl )* RBRACE ;
scopeExpr : scopeAtom ( AMP scopeAtom )* ;
scopeAtom
  : ALL                                   # allScope
  | CLASS className                       # classScope
  | REGION ident                          # regionScope
  | UNIT ID                               # unitScope
  | COUNTY NUMBER                         # countyScope
  ;

// The dimension is optional in the grammar so that a rule without one gets its own message.
ruleDecl : RULE ruleId dimension? STRING? COLON effect ruleClause* ;
refineDecl : REFINE ruleId ( AS ruleId )? dimension? STRING? COLON effect ruleClause* ;
ruleId : ID | NUMBER ;
dimension : LAYOUT | EMISSION | RISK | RESOURCE ;

effect
  : FORBID cond                           # forbidEffect
  | REQUIRE cond                          # requireEffect
  | LIMIT cond                            # limitEffect
  ;
// Clauses in any order; the builder checks that unless goes with forbid and when with
// require / limit, and that no clause appears twice.
ruleClause
  : UNLESS cond                           # unlessClause
  | WHEN cond                             # whenClause
  | CITE STRING                           # citeClause
  | EFFECTIVE FROM DATE ( UNTIL DATE )?   # effectiveClause
  ;

// ---- conditions and values ----------------------------------------------------------------------
cond
  : ( NOT | BANG ) cond                   # notCond        // error: !
  | cond ( AND | AND_AND | AMP ) cond     # andCond        // error: && &
  | cond ( OR | OR_OR | PIPE ) cond       # orCond         // error: || |
  | atom                                  # atomCond
  ;

atom : value ( compareOp value | membershipOp setRef )? ;

compareOp : EQ | NE | LT | LE | GT | GE | ASSIGN ;       // error: = for ==
membershipOp : IN | NOT IN | NOT_IN ;
setRef : setLiteral | ident ;
setLiteral : LBRACE ( element ( COMMA? element )* COMMA? )? RBRACE ;   // error: missing comma
element
  : NUMBER unitText?                      # numberElement
  | ident                                 # nameElement
  | STRING                                # stringElement
  | DATE                                  # dateElement
  ;

// A parenthesised condition doubles as a parenthesised value: `(a + b) > 3` and `(a > 3 or b)`
// need no lookahead to tell apart; the builder checks that what is used as a value is one.
value
  : value ( STAR | SLASH ) value          # mulValue
  | value ( PLUS | MINUS ) value          # addValue
  | LPAREN cond RPAREN                    # parenValue
  | PROJECT DOT anyName                   # attrValue
  | DISTANCE_TO LPAREN ident RPAREN       # distanceValue   // spatial fact: a length
  | WITHIN LPAREN ident RPAREN            # withinValue     // spatial fact: a condition
  | NUMBER unitText?                      # numberValue
  | unitText NUMBER                       # unitFirstValue  // error: `km 1` for `1 km`
  | ident                                 # nameValue
  | STRING                                # stringValue
  | DATE                                  # dateValue
  | ( TRUE | FALSE )                      # boolValue
  ;

// A unit of measure: t/a, mg/L, tce/a, km, 万元, %.
unitText : ID ( SLASH ID )* | PERCENT ;

// ---- names --------------------------------------------------------------------------------------
// Words that docs/language.md does not reserve (dimension and type names) stay usable as names.
ident
  : ID
  | LAYOUT | EMISSION | RISK | RESOURCE
  | BOOL | ENUM | NUMBER_TYPE | QUANTITY | STRING_TYPE | DATE_TYPE
  ;

// After `project.`, in attribute declarations and in module names any word is a name
// (project.industry, std.nation.yangtze, attribute as : …).
anyName
  : ident
  | ACCESSLIST | MODULE | LEVEL | NATION | PROVINCE | CITY | JURISDICTION | PARENT | IMPORT
  | ATTRIBUTE | LABEL | INDUSTRY | UNITS | UNIT | CLASS | PRIORITY | KEY | GENERAL | COUNTIES
  | COUNTY | KIND | REGION | CITIES | OPEN | SET | OF | EXTEND | FOR | DEFINE | SCOPE | ALL
  | RULE | REFINE | AS | FORBID | UNLESS | REQUIRE | WHEN | LIMIT | CITE | EFFECTIVE | FROM
  | UNTIL | AND | OR | NOT_IN | NOT | IN | TRUE | FALSE | PROJECT | LAYER | DISTANCE_TO | WITHIN
  ;
