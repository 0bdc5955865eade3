/*
 * The .nn network language and the .eq equation files (docs/language.md, sections 2-7 and 9;
 * images: docs/images.md).
 *
 * Statements end at a line break or ';'. Line breaks inside parentheses or brackets are dropped
 * by dev.netgrad.spec.syntax.SpecLexer (which tracks the bracket depth), so the parser never sees
 * them there. The same lexer ends the last line before a '}' or the end of the file with a line
 * break of its own, so every statement is followed by a separator: (member? sep)* resynchronizes
 * at the next line after a syntax error. Binary operators and unary minus are loops rather than
 * recursion, so only parentheses nest the parser's calls, and the lexer caps their depth.
 */
grammar Netgrad;

// ---------------------------------------------------------------- entry rules

spec      : sep* network sep* EOF ;
equations : (equation? sep)* EOF ;

sep : NL | SEMI ;

// ---------------------------------------------------------------- network

network : NETWORK name=ID NL* LBRACE body RBRACE ;

body : (member? sep)* ;

member
    : kind=(INPUT | TARGET) name=ID LBRACK sizes RBRACK              # dataDecl
    | PARAM name=ID LBRACK sizes RBRACK (INIT init)?                  # paramDecl
    | CONST name=ID ASSIGN expr                                        # constDecl
    | DIM name=ID ASSIGN expr                                          # dimDecl
    | name=ID ASSIGN expr                                              # valueDecl
    // `loss L = expr`, or the shorthand `loss cross_entropy` when there is no expression.
    | LOSS name=ID (ASSIGN expr)?                                      # lossDecl
    | COST name=ID ASSIGN expr                                         # costDecl
    | OUTPUT name=ID                                                   # outputDecl
    | DENSE units=expr activation=ID denseOption*                      # denseDecl
    | CONV units=expr size=expr activation=ID denseOption*             # convDecl
    | kind=(MAXPOOL | AVGPOOL) size=expr denseOption*                  # poolDecl
    | FLATTEN                                                          # flattenDecl
    | REGULARIZE kind=ID LPAREN args? RPAREN                           # regularizeDecl
    | TRAIN NL* LBRACE trainBody RBRACE                                # trainBlock
    ;

sizes : expr (COMMA expr)* ;

// `init const(v)` spells its kind with the keyword const.
init : kind=(ID | CONST) (LPAREN args? RPAREN)? ;

denseOption
    : INIT init                                                        # denseInit
    | option=ID expr                                                   # denseFlag
    ;

trainBody : (trainItem? sep)* ;

trainItem
    : OPTIMIZER kind=ID (LPAREN args? RPAREN)?                         # optimizerSetting
    | setting=(BATCH | EPOCHS | SEED) expr                             # countSetting
    ;

// ---------------------------------------------------------------- equation files

equation : name=ID ASSIGN expr ;

// ---------------------------------------------------------------- expressions
// Precedence, lowest first (docs/language.md section 4). Comparisons are collected as a list so the
// tree builder can say that they do not chain.

expr           : additive (compareOp additive)* ;
compareOp      : GT | LT | GE | LE ;
additive       : multiplicative (addOp multiplicative)* ;
addOp          : PLUS | MINUS ;
multiplicative : unary (mulOp unary)* ;
mulOp          : STAR | SLASH | AT ;
unary          : MINUS* power ;
// Right-associative: the tree builder folds the list from the right. An exponent may be negated.
power          : postfix (powOp MINUS* postfix)* ;
powOp          : CARET | STARSTAR ;
postfix        : primary TRANSPOSE* ;
primary
    : NUMBER                                                           # number
    // maxpool, avgpool and flatten are keywords of the layer shorthand and functions too.
    | name=(ID | MAXPOOL | AVGPOOL | FLATTEN) LPAREN args? RPAREN     # call
    | name=ID                                                          # name
    | LPAREN expr RPAREN                                               # parens
    ;

args : arg (COMMA arg)* ;
arg  : (name=ID ASSIGN)? expr ;

// ---------------------------------------------------------------- tokens

NETWORK    : 'network' ;
INPUT      : 'input' ;
TARGET     : 'target' ;
PARAM      : 'param' ;
CONST      : 'const' ;
DIM        : 'dim' ;
INIT       : 'init' ;
LOSS       : 'loss' ;
COST       : 'cost' ;
OUTPUT     : 'output' ;
DENSE      : 'dense' ;
CONV       : 'conv' ;
MAXPOOL    : 'maxpool' ;
AVGPOOL    : 'avgpool' ;
FLATTEN    : 'flatten' ;
REGULARIZE : 'regularize' ;
TRAIN      : 'train' ;
OPTIMIZER  : 'optimizer' ;
BATCH      : 'batch' ;
EPOCHS     : 'epochs' ;
SEED       : 'seed' ;

TRANSPOSE : '.T' ;
// As Python writes them: 3, 0.01, 1e-8, and also .5 and 1. (the course's 1./m). A '.' after the digits
// is the number's unless a T follows: 2.T is 2 transposed.
NUMBER    : DIGITS ('.' DIGITS | '.' {_input.LA(1) != 'T'}?)? EXPONENT?
          | '.' DIGITS EXPONENT?
          ;
ID        : [A-Za-z_] [A-Za-z0-9_]* ;

STARSTAR : '**' ;
CARET    : '^' ;
STAR     : '*' ;
SLASH    : '/' ;
AT       : '@' ;
PLUS     : '+' ;
MINUS    : '-' ;
GE       : '>=' ;
LE       : '<=' ;
GT       : '>' ;
LT       : '<' ;
ASSIGN   : '=' ;
COMMA    : ',' ;
SEMI     : ';' ;
LPAREN   : '(' ;
RPAREN   : ')' ;
LBRACK   : '[' ;
RBRACK   : ']' ;
LBRACE   : '{' ;
RBRACE   : '}' ;

NL           : '\r'? '\n' ;
// U+FEFF: the byte-order mark some editors put at the start of a UTF-8 file.
WS           : [ \t\f\r\uFEFF]+ -> skip ;
LINE_COMMENT : '//' ~[\n]* -> skip ;
// Kept as a token so the lexer wrapper can tell an unterminated comment (no closing */) apart.
BLOCK_COMMENT : '/*' .*? ('*/' | EOF) ;
// Anything else: reported once per run by the lexer wrapper instead of ANTLR's own message.
ERROR_CHAR : . ;

fragment DIGITS : [0-9]+ ;
fragment EXPONENT : [eE] [+-]? DIGITS ;
