# Resource object code (Python 3)
# Created by: object code
# Created by: The Resource Compiler for Qt version 6.11.3
# WARNING! All changes made in this file will be lost!

from PySide6 import QtCore

qt_resource_data = b"\
\x00\x00\x07L\
/\
* The kiosk's lo\
ok: calm colours\
, large type and\
 touch targets f\
or a hand in a g\
love.\x0a   One she\
et for every kio\
sk screen, selec\
ted by object na\
mes, so the widg\
ets carry no\x0a   \
colours of their\
 own. */\x0aQWidget\
#kioskWindow, QW\
idget#enrollment\
Screen { backgro\
und: #f6f4ef; co\
lor: #1f2a30; }\x0a\
QWidget { font-s\
ize: 22px; color\
: #1f2a30; }\x0aQLa\
bel#centreName {\
 font-size: 34px\
; font-weight: 6\
00; color: #2f5d\
62; }\x0aQLabel#clo\
ck { font-size: \
30px; color: #2f\
5d62; }\x0aQLabel#p\
rompt, QLabel#gr\
eeting { font-si\
ze: 36px; font-w\
eight: 600; }\x0aQL\
abel#pinDots { f\
ont-size: 48px; \
letter-spacing: \
12px; color: #2f\
5d62; min-height\
: 60px; }\x0aQLabel\
#pinMessage { fo\
nt-size: 24px; c\
olor: #a23b2a; m\
in-height: 36px;\
 }\x0aQLabel#messag\
eCounter, QLabel\
#hint { font-siz\
e: 24px; color: \
#2f5d62; }\x0aQLabe\
l#messageBody {\x0a\
    font-size: 3\
2px; background:\
 white; border: \
2px solid #d9d4c\
7; border-radius\
: 16px;\x0a    padd\
ing: 32px;\x0a}\x0aQLa\
bel#syncStatus {\
 font-size: 16px\
; color: #6b7479\
; }\x0aQLabel#child\
Name { font-size\
: 30px; font-wei\
ght: 600; }\x0aQLab\
el#childRoom { f\
ont-size: 22px; \
color: #55626a; \
}\x0aQLabel#doneSum\
mary { font-size\
: 30px; }\x0aQPushB\
utton {\x0a    back\
ground: white; b\
order: 2px solid\
 #cfc9bb; border\
-radius: 18px; p\
adding: 16px 28p\
x;\x0a    font-size\
: 28px; min-heig\
ht: 64px;\x0a}\x0aQPus\
hButton:pressed \
{ background: #e\
4efe9; }\x0aQPushBu\
tton:disabled { \
color: #a9a9a9; \
border-color: #e\
1ddd3; }\x0aQPushBu\
tton#key {\x0a    f\
ont-size: 40px; \
padding: 0; min-\
width: 128px; mi\
n-height: 84px; \
border-radius: 4\
2px;\x0a}\x0aQPushButt\
on#primary { bac\
kground: #2f5d62\
; color: white; \
border-color: #2\
f5d62; }\x0aQPushBu\
tton#primary:pre\
ssed { backgroun\
d: #244a4e; }\x0aQP\
ushButton#signTo\
ggle { min-width\
: 240px; }\x0aQPush\
Button#signToggl\
e:checked { back\
ground: #2f5d62;\
 color: white; b\
order-color: #2f\
5d62; }\x0aQLineEdi\
t, QSpinBox {\x0a  \
  font-size: 24p\
x; padding: 10px\
; border: 2px so\
lid #cfc9bb; bor\
der-radius: 10px\
;\x0a    background\
: white;\x0a}\x0a\
\x00\x00\x11\x11\
/\
* Front Desk off\
ice look. @name@\
 placeholders ar\
e filled from de\
sk.ui.theme.Colo\
rs. */\x0a\x0aQMainWin\
dow, QDialog { b\
ackground: @wind\
ow@; }\x0a\x0aQWidget \
{ font-size: 10p\
t; }\x0a\x0a#navigatio\
n {\x0a    backgrou\
nd: @sidebar@;\x0a \
   border: none;\
\x0a    border-righ\
t: 1px solid @bo\
rder@;\x0a    outli\
ne: 0;\x0a}\x0a\x0a#brand\
 {\x0a    backgroun\
d: @sidebar@;\x0a  \
  color: @text@;\
\x0a    font-size: \
12pt;\x0a    font-w\
eight: 600;\x0a    \
padding: 14px 16\
px 6px 16px;\x0a   \
 border-right: 1\
px solid @border\
@;\x0a}\x0a\x0a#centreNam\
e {\x0a    backgrou\
nd: @sidebar@;\x0a \
   color: @muted\
@;\x0a    padding: \
0px 16px 10px 16\
px;\x0a    border-r\
ight: 1px solid \
@border@;\x0a}\x0a\x0a#ne\
wMessageButton {\
\x0a    background:\
 @accent@;\x0a    c\
olor: @accent_te\
xt@;\x0a    border:\
 none;\x0a    borde\
r-radius: 6px;\x0a \
   padding: 7px \
12px;\x0a    margin\
: 4px 12px 10px \
12px;\x0a    font-w\
eight: 600;\x0a}\x0a#n\
ewMessageButton:\
hover { backgrou\
nd: @accent@; }\x0a\
\x0a#sidebarFooter \
{ background: @s\
idebar@; border-\
right: 1px solid\
 @border@; }\x0a\x0a#t\
hreadList, #mess\
ageList {\x0a    ba\
ckground: @base@\
;\x0a    border: no\
ne;\x0a    outline:\
 0;\x0a}\x0a\x0a#listHead\
er, #threadHeade\
r {\x0a    backgrou\
nd: @base@;\x0a    \
border-bottom: 1\
px solid @border\
@;\x0a}\x0a\x0a#threadTit\
le { font-size: \
13pt; font-weigh\
t: 600; color: @\
text@; }\x0a#thread\
Subtitle, #compo\
serCount, #empty\
Hint { color: @m\
uted@; }\x0a\x0a#threa\
dSearch, #compos\
erEditor {\x0a    b\
ackground: @base\
@;\x0a    border: 1\
px solid @border\
@;\x0a    border-ra\
dius: 6px;\x0a    p\
adding: 5px 8px;\
\x0a    selection-b\
ackground-color:\
 @accent@;\x0a}\x0a#th\
readSearch:focus\
, #composerEdito\
r:focus { border\
: 1px solid @acc\
ent@; }\x0a\x0a#status\
Filter QToolButt\
on, #siblings QT\
oolButton {\x0a    \
background: tran\
sparent;\x0a    bor\
der: 1px solid t\
ransparent;\x0a    \
border-radius: 1\
2px;\x0a    padding\
: 3px 10px;\x0a    \
color: @muted@;\x0a\
}\x0a#statusFilter \
QToolButton:chec\
ked, #siblings Q\
ToolButton:check\
ed {\x0a    backgro\
und: @sidebar_se\
lected@;\x0a    col\
or: @text@;\x0a    \
border: 1px soli\
d @border@;\x0a}\x0a\x0a#\
sendButton {\x0a   \
 background: @ac\
cent@;\x0a    color\
: @accent_text@;\
\x0a    border: non\
e;\x0a    border-ra\
dius: 6px;\x0a    p\
adding: 6px 16px\
;\x0a    font-weigh\
t: 600;\x0a}\x0a#sendB\
utton:disabled {\
 background: @bo\
rder@; color: @m\
uted@; }\x0a\x0a#close\
Button, #reopenB\
utton, #retryBut\
ton, #dismissBut\
ton {\x0a    border\
: 1px solid @bor\
der@;\x0a    border\
-radius: 6px;\x0a  \
  padding: 4px 1\
2px;\x0a    backgro\
und: @base@;\x0a}\x0a#\
closeButton:hove\
r, #reopenButton\
:hover, #retryBu\
tton:hover { bor\
der-color: @acce\
nt@; }\x0a\x0a#compose\
r, #detailsPane,\
 #details {\x0a    \
background: @win\
dow@;\x0a}\x0a#compose\
r { border-top: \
1px solid @borde\
r@; }\x0a#detailsPa\
ne { border-left\
: 1px solid @bor\
der@; }\x0a\x0a#detail\
sHeading {\x0a    c\
olor: @muted@;\x0a \
   font-size: 8p\
t;\x0a    font-weig\
ht: 600;\x0a    let\
ter-spacing: 1px\
;\x0a    padding-to\
p: 10px;\x0a}\x0a#deta\
ilsCard {\x0a    ba\
ckground: @base@\
;\x0a    border: 1p\
x solid @border@\
;\x0a    border-rad\
ius: 8px;\x0a}\x0a#car\
dTitle { font-we\
ight: 600; }\x0a#ca\
rdLine { color: \
@muted@; }\x0a#sign\
edIn { color: @o\
k@; font-weight:\
 600; }\x0a#signedO\
ut { color: @mut\
ed@; }\x0a#optedOut\
 { color: @unrea\
d@; font-weight:\
 600; }\x0a#optedIn\
 { color: @ok@; \
}\x0a#stoppedNote {\
 color: @warning\
@; font-weight: \
600; }\x0a#refusal \
{ color: @unread\
@; }\x0a\x0a#failureBa\
r {\x0a    backgrou\
nd: @window@;\x0a  \
  border-top: 1p\
x solid @border@\
;\x0a}\x0a#failureText\
 { color: @unrea\
d@; }\x0a#unknownNu\
mberBar {\x0a    ba\
ckground: @windo\
w@;\x0a    border-t\
op: 1px solid @b\
order@;\x0a}\x0a#permi\
ssionNote { colo\
r: @warning@; }\x0a\
\x0a#chip {\x0a    bac\
kground: @sideba\
r_selected@;\x0a   \
 border: 1px sol\
id @border@;\x0a   \
 border-radius: \
11px;\x0a}\x0a#chipTex\
t { color: @text\
@; }\x0a#chipRemove\
 {\x0a    backgroun\
d: transparent;\x0a\
    border: none\
;\x0a    border-rad\
ius: 8px;\x0a    co\
lor: @muted@;\x0a  \
  padding: 0px 3\
px;\x0a}\x0a#chipRemov\
e:hover, #chipRe\
move:focus { bac\
kground: @border\
@; color: @text@\
; }\x0a#chipMore {\x0a\
    background: \
@base@;\x0a    bord\
er: 1px solid @b\
order@;\x0a    bord\
er-radius: 11px;\
\x0a    padding: 2p\
x 10px;\x0a    colo\
r: @accent@;\x0a}\x0a#\
chipMore:checked\
, #chipMore:focu\
s { border-color\
: @accent@; }\x0a#p\
ickedCount { col\
or: @muted@; }\x0a\x0a\
QStatusBar { bac\
kground: @sideba\
r@; border-top: \
1px solid @borde\
r@; color: @mute\
d@; }\x0aQStatusBar\
 QLabel { paddin\
g: 0px 8px; }\x0a#s\
yncState[phase=\x22\
offline\x22], #sync\
State[phase=\x22err\
or\x22], #syncState\
[phase=\x22signed_o\
ut\x22] {\x0a    color\
: @warning@; fon\
t-weight: 600;\x0a}\
\x0a#syncState[phas\
e=\x22online\x22] { co\
lor: @ok@; }\x0a#ou\
tboxCount { colo\
r: @text@; font-\
weight: 600; }\x0a\x0a\
QSplitter::handl\
e { background: \
@border@; }\x0aQSpl\
itter::handle:ho\
rizontal { width\
: 1px; }\x0aQSplitt\
er::handle:verti\
cal { height: 1p\
x; }\x0a\x0aQMenuBar {\
 background: @wi\
ndow@; }\x0aQToolTi\
p { border: 1px \
solid @border@; \
padding: 4px; }\x0a\
\
\x00\x00\x00!\
<\
\xb8d\x18\xca\xef\x9c\x95\xcd!\x1c\xbf`\xa1\xbd\xdd\xa7\
\x00\x00\x00\x05es_ES\x88\x00\x00\x00\x02\x01\x01\
\
\x00\x00\x01\x1a\
<\
svg xmlns=\x22http:\
//www.w3.org/200\
0/svg\x22 width=\x2224\
\x22 height=\x2224\x22 vi\
ewBox=\x220 0 24 24\
\x22 fill=\x22none\x22 st\
roke=\x22#5f6b7d\x22 s\
troke-width=\x221.8\
\x22 stroke-linecap\
=\x22round\x22 stroke-\
linejoin=\x22round\x22\
><rect x=\x225\x22 y=\x22\
2.5\x22 width=\x2214\x22 \
height=\x2219\x22 rx=\x22\
2\x22/><path d=\x22M10\
 18.5h4\x22/><path \
d=\x22M9 8l2 2 4-4\x22\
/></svg>\x0a\
\x00\x00\x00\xd5\
<\
svg xmlns=\x22http:\
//www.w3.org/200\
0/svg\x22 width=\x2224\
\x22 height=\x2224\x22 vi\
ewBox=\x220 0 24 24\
\x22 fill=\x22none\x22 st\
roke=\x22#ffffff\x22 s\
troke-width=\x221.8\
\x22 stroke-linecap\
=\x22round\x22 stroke-\
linejoin=\x22round\x22\
><path d=\x22M12 5v\
14M5 12h14\x22/></s\
vg>\x0a\
\x00\x00\x01L\
<\
svg xmlns=\x22http:\
//www.w3.org/200\
0/svg\x22 width=\x2224\
\x22 height=\x2224\x22 vi\
ewBox=\x220 0 24 24\
\x22 fill=\x22none\x22 st\
roke=\x22#5f6b7d\x22 s\
troke-width=\x221.8\
\x22 stroke-linecap\
=\x22round\x22 stroke-\
linejoin=\x22round\x22\
><path d=\x22M4 6h9\
M17 6h3M4 12h3M1\
1 12h9M4 18h11M1\
9 18h1\x22/><circle\
 cx=\x2215\x22 cy=\x226\x22 \
r=\x222\x22/><circle c\
x=\x229\x22 cy=\x2212\x22 r=\
\x222\x22/><circle cx=\
\x2217\x22 cy=\x2218\x22 r=\x22\
2\x22/></svg>\x0a\
\x00\x00\x01)\
<\
svg xmlns=\x22http:\
//www.w3.org/200\
0/svg\x22 width=\x2224\
\x22 height=\x2224\x22 vi\
ewBox=\x220 0 24 24\
\x22 fill=\x22none\x22 st\
roke=\x22#5f6b7d\x22 s\
troke-width=\x221.8\
\x22 stroke-linecap\
=\x22round\x22 stroke-\
linejoin=\x22round\x22\
><path d=\x22M21 12\
a8 8 0 0 1-11.6 \
7.1L4 20l1.1-4.6\
A8 8 0 1 1 21 12\
z\x22/><path d=\x22M8.\
5 12h.01M12 12h.\
01M15.5 12h.01\x22/\
></svg>\x0a\
\x00\x00\x01!\
<\
svg xmlns=\x22http:\
//www.w3.org/200\
0/svg\x22 width=\x2224\
\x22 height=\x2224\x22 vi\
ewBox=\x220 0 24 24\
\x22 fill=\x22none\x22 st\
roke=\x22#5f6b7d\x22 s\
troke-width=\x221.8\
\x22 stroke-linecap\
=\x22round\x22 stroke-\
linejoin=\x22round\x22\
><rect x=\x225\x22 y=\x22\
4\x22 width=\x2214\x22 he\
ight=\x2217\x22 rx=\x222\x22\
/><path d=\x22M9 4V\
3h6v1\x22/><path d=\
\x22M9 10h6M9 14h6M\
9 18h3\x22/></svg>\x0a\
\
\x00\x00\x01!\
<\
svg xmlns=\x22http:\
//www.w3.org/200\
0/svg\x22 width=\x2224\
\x22 height=\x2224\x22 vi\
ewBox=\x220 0 24 24\
\x22 fill=\x22none\x22 st\
roke=\x22#5f6b7d\x22 s\
troke-width=\x221.8\
\x22 stroke-linecap\
=\x22round\x22 stroke-\
linejoin=\x22round\x22\
><path d=\x22M4 19V\
6a2 2 0 0 1 2-2h\
13v13H6a2 2 0 0 \
0-2 2z\x22/><path d\
=\x22M6 21h13v-4\x22/>\
<path d=\x22M9 8h6M\
9 11h4\x22/></svg>\x0a\
\
\x00\x00\x010\
<\
svg xmlns=\x22http:\
//www.w3.org/200\
0/svg\x22 width=\x2224\
\x22 height=\x2224\x22 vi\
ewBox=\x220 0 24 24\
\x22 fill=\x22none\x22 st\
roke=\x22#5f6b7d\x22 s\
troke-width=\x221.8\
\x22 stroke-linecap\
=\x22round\x22 stroke-\
linejoin=\x22round\x22\
><rect x=\x223\x22 y=\x22\
7\x22 width=\x2218\x22 he\
ight=\x2213\x22 rx=\x222\x22\
/><path d=\x22M8 7V\
5a2 2 0 0 1 2-2h\
4a2 2 0 0 1 2 2v\
2\x22/><path d=\x22M3 \
12h18\x22/></svg>\x0a\
\x00\x00\x01J\
<\
svg xmlns=\x22http:\
//www.w3.org/200\
0/svg\x22 width=\x2224\
\x22 height=\x2224\x22 vi\
ewBox=\x220 0 24 24\
\x22 fill=\x22none\x22 st\
roke=\x22#5f6b7d\x22 s\
troke-width=\x221.8\
\x22 stroke-linecap\
=\x22round\x22 stroke-\
linejoin=\x22round\x22\
><circle cx=\x229\x22 \
cy=\x228\x22 r=\x223.5\x22/>\
<path d=\x22M2.5 20\
a6.5 6.5 0 0 1 1\
3 0\x22/><circle cx\
=\x2217\x22 cy=\x229.5\x22 r\
=\x222.5\x22/><path d=\
\x22M17 14.5a4.5 4.\
5 0 0 1 4.5 4.5\x22\
/></svg>\x0a\
\x00\x00\x010\
<\
svg xmlns=\x22http:\
//www.w3.org/200\
0/svg\x22 width=\x2224\
\x22 height=\x2224\x22 vi\
ewBox=\x220 0 24 24\
\x22 fill=\x22none\x22 st\
roke=\x22#5f6b7d\x22 s\
troke-width=\x221.8\
\x22 stroke-linecap\
=\x22round\x22 stroke-\
linejoin=\x22round\x22\
><rect x=\x224\x22 y=\x22\
3\x22 width=\x2216\x22 he\
ight=\x2218\x22 rx=\x222\x22\
/><circle cx=\x2212\
\x22 cy=\x2210\x22 r=\x223\x22/\
><path d=\x22M7.5 1\
7.5a4.5 4.5 0 0 \
1 9 0\x22/></svg>\x0a\
\x00\x00\x01[\
<\
svg xmlns=\x22http:\
//www.w3.org/200\
0/svg\x22 width=\x2264\
\x22 height=\x2264\x22 vi\
ewBox=\x220 0 64 64\
\x22><rect x=\x224\x22 y=\
\x224\x22 width=\x2256\x22 h\
eight=\x2256\x22 rx=\x221\
4\x22 fill=\x22#2f6fde\
\x22/><path d=\x22M18 \
22h28v16H30l-8 7\
v-7h-4z\x22 fill=\x22#\
ffffff\x22/><circle\
 cx=\x2226\x22 cy=\x2230\x22\
 r=\x222\x22 fill=\x22#2f\
6fde\x22/><circle c\
x=\x2232\x22 cy=\x2230\x22 r\
=\x222\x22 fill=\x22#2f6f\
de\x22/><circle cx=\
\x2238\x22 cy=\x2230\x22 r=\x22\
2\x22 fill=\x22#2f6fde\
\x22/></svg>\x0a\
\x00\x00\x01;\
<\
svg xmlns=\x22http:\
//www.w3.org/200\
0/svg\x22 width=\x2224\
\x22 height=\x2224\x22 vi\
ewBox=\x220 0 24 24\
\x22 fill=\x22none\x22 st\
roke=\x22#5f6b7d\x22 s\
troke-width=\x221.8\
\x22 stroke-linecap\
=\x22round\x22 stroke-\
linejoin=\x22round\x22\
><circle cx=\x2212\x22\
 cy=\x2212\x22 r=\x223\x22/>\
<path d=\x22M12 2v3\
M12 19v3M2 12h3M\
19 12h3M4.9 4.9l\
2.1 2.1M17 17l2.\
1 2.1M4.9 19.1L7\
 17M17 7l2.1-2.1\
\x22/></svg>\x0a\
"

qt_resource_name = b"\
\x00\x05\
\x00o\xa6S\
\x00i\
\x00c\x00o\x00n\x00s\
\x00\x0c\
\x0d\xfc\x11\x13\
\x00t\
\x00r\x00a\x00n\x00s\x00l\x00a\x00t\x00i\x00o\x00n\x00s\
\x00\x06\
\x07\xac\x02\xc3\
\x00s\
\x00t\x00y\x00l\x00e\x00s\
\x00\x09\
\x06\x9e\xbc\xa3\
\x00k\
\x00i\x00o\x00s\x00k\x00.\x00q\x00s\x00s\
\x00\x0a\
\x0f\x9a\xe1#\
\x00o\
\x00f\x00f\x00i\x00c\x00e\x00.\x00q\x00s\x00s\
\x00\x0a\
\x01Q<=\
\x00d\
\x00e\x00s\x00k\x00_\x00e\x00s\x00.\x00q\x00m\
\x00\x09\
\x06\x9e\xbe\xc7\
\x00k\
\x00i\x00o\x00s\x00k\x00.\x00s\x00v\x00g\
\x00\x07\
\x04\xcaZ'\
\x00n\
\x00e\x00w\x00.\x00s\x00v\x00g\
\x00\x0c\
\x0b\xdf,\xc7\
\x00s\
\x00e\x00t\x00t\x00i\x00n\x00g\x00s\x00.\x00s\x00v\x00g\
\x00\x07\
\x0aFZ'\
\x00s\
\x00m\x00s\x00.\x00s\x00v\x00g\
\x00\x09\
\x0b\x07\x8b\xa7\
\x00a\
\x00u\x00d\x00i\x00t\x00.\x00s\x00v\x00g\
\x00\x0d\
\x02\x11\x0eG\
\x00c\
\x00l\x00a\x00s\x00s\x00r\x00o\x00o\x00m\x00.\x00s\x00v\x00g\
\x00\x0a\
\x0f\x9a\xe3G\
\x00o\
\x00f\x00f\x00i\x00c\x00e\x00.\x00s\x00v\x00g\
\x00\x0c\
\x02V\xda\x87\
\x00f\
\x00a\x00m\x00i\x00l\x00i\x00e\x00s\x00.\x00s\x00v\x00g\
\x00\x09\
\x07\xc9\xaf\x87\
\x00s\
\x00t\x00a\x00f\x00f\x00.\x00s\x00v\x00g\
\x00\x07\
\x08sZ\x07\
\x00a\
\x00p\x00p\x00.\x00s\x00v\x00g\
\x00\x09\
\x0a&\xaf\xc7\
\x00t\
\x00a\x00s\x00k\x00s\x00.\x00s\x00v\x00g\
"

qt_resource_struct = b"\
\x00\x00\x00\x00\x00\x02\x00\x00\x00\x03\x00\x00\x00\x01\
\x00\x00\x00\x00\x00\x02\x00\x00\x00\x0b\x00\x00\x00\x07\
\x00\x00\x00.\x00\x02\x00\x00\x00\x02\x00\x00\x00\x05\
\x00\x00\x00\x10\x00\x02\x00\x00\x00\x01\x00\x00\x00\x04\
\x00\x00\x00r\x00\x00\x00\x00\x00\x01\x00\x00\x18e\
\x00\x00\x00@\x00\x00\x00\x00\x00\x01\x00\x00\x00\x00\
\x00\x00\x00X\x00\x00\x00\x00\x00\x01\x00\x00\x07P\
\x00\x00\x01\x02\x00\x00\x00\x00\x00\x01\x00\x00\x1e#\
\x00\x00\x01<\x00\x00\x00\x00\x00\x01\x00\x00 |\
\x00\x00\x00\xa4\x00\x00\x00\x00\x00\x01\x00\x00\x19\xa8\
\x00\x00\x00\x8c\x00\x00\x00\x00\x00\x01\x00\x00\x18\x8a\
\x00\x00\x01Z\x00\x00\x00\x00\x00\x01\x00\x00!\xca\
\x00\x00\x01r\x00\x00\x00\x00\x00\x01\x00\x00\x22\xfe\
\x00\x00\x01\x86\x00\x00\x00\x00\x00\x01\x00\x00$]\
\x00\x00\x00\xd6\x00\x00\x00\x00\x00\x01\x00\x00\x1b\xd1\
\x00\x00\x00\xea\x00\x00\x00\x00\x00\x01\x00\x00\x1c\xfe\
\x00\x00\x00\xb8\x00\x00\x00\x00\x00\x01\x00\x00\x1a\x81\
\x00\x00\x01\x22\x00\x00\x00\x00\x00\x01\x00\x00\x1fH\
"

def qInitResources():
    QtCore.qRegisterResourceData(0x01, qt_resource_struct, qt_resource_name, qt_resource_data)

def qCleanupResources():
    QtCore.qUnregisterResourceData(0x01, qt_resource_struct, qt_resource_name, qt_resource_data)

qInitResources()
