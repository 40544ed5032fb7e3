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
\x00\x00\x11\x9d\
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
text@; }\x0a#firstR\
unTitle { font-s\
ize: 16pt; font-\
weight: 600; col\
or: @text@; }\x0a#f\
irstRunChoices Q\
PushButton { tex\
t-align: left; p\
adding: 12px 16p\
x; }\x0a#threadSubt\
itle, #composerC\
ount, #emptyHint\
 { color: @muted\
@; }\x0a\x0a#threadSea\
rch, #composerEd\
itor {\x0a    backg\
round: @base@;\x0a \
   border: 1px s\
olid @border@;\x0a \
   border-radius\
: 6px;\x0a    paddi\
ng: 5px 8px;\x0a   \
 selection-backg\
round-color: @ac\
cent@;\x0a}\x0a#thread\
Search:focus, #c\
omposerEditor:fo\
cus { border: 1p\
x solid @accent@\
; }\x0a\x0a#statusFilt\
er QToolButton, \
#siblings QToolB\
utton {\x0a    back\
ground: transpar\
ent;\x0a    border:\
 1px solid trans\
parent;\x0a    bord\
er-radius: 12px;\
\x0a    padding: 3p\
x 10px;\x0a    colo\
r: @muted@;\x0a}\x0a#s\
tatusFilter QToo\
lButton:checked,\
 #siblings QTool\
Button:checked {\
\x0a    background:\
 @sidebar_select\
ed@;\x0a    color: \
@text@;\x0a    bord\
er: 1px solid @b\
order@;\x0a}\x0a\x0a#send\
Button {\x0a    bac\
kground: @accent\
@;\x0a    color: @a\
ccent_text@;\x0a   \
 border: none;\x0a \
   border-radius\
: 6px;\x0a    paddi\
ng: 6px 16px;\x0a  \
  font-weight: 6\
00;\x0a}\x0a#sendButto\
n:disabled { bac\
kground: @border\
@; color: @muted\
@; }\x0a\x0a#closeButt\
on, #reopenButto\
n, #retryButton,\
 #dismissButton \
{\x0a    border: 1p\
x solid @border@\
;\x0a    border-rad\
ius: 6px;\x0a    pa\
dding: 4px 12px;\
\x0a    background:\
 @base@;\x0a}\x0a#clos\
eButton:hover, #\
reopenButton:hov\
er, #retryButton\
:hover { border-\
color: @accent@;\
 }\x0a\x0a#composer, #\
detailsPane, #de\
tails {\x0a    back\
ground: @window@\
;\x0a}\x0a#composer { \
border-top: 1px \
solid @border@; \
}\x0a#detailsPane {\
 border-left: 1p\
x solid @border@\
; }\x0a\x0a#detailsHea\
ding {\x0a    color\
: @muted@;\x0a    f\
ont-size: 8pt;\x0a \
   font-weight: \
600;\x0a    letter-\
spacing: 1px;\x0a  \
  padding-top: 1\
0px;\x0a}\x0a#detailsC\
ard {\x0a    backgr\
ound: @base@;\x0a  \
  border: 1px so\
lid @border@;\x0a  \
  border-radius:\
 8px;\x0a}\x0a#cardTit\
le { font-weight\
: 600; }\x0a#cardLi\
ne { color: @mut\
ed@; }\x0a#signedIn\
 { color: @ok@; \
font-weight: 600\
; }\x0a#signedOut {\
 color: @muted@;\
 }\x0a#optedOut { c\
olor: @unread@; \
font-weight: 600\
; }\x0a#optedIn { c\
olor: @ok@; }\x0a#s\
toppedNote { col\
or: @warning@; f\
ont-weight: 600;\
 }\x0a#refusal { co\
lor: @unread@; }\
\x0a\x0a#failureBar {\x0a\
    background: \
@window@;\x0a    bo\
rder-top: 1px so\
lid @border@;\x0a}\x0a\
#failureText { c\
olor: @unread@; \
}\x0a#unknownNumber\
Bar {\x0a    backgr\
ound: @window@;\x0a\
    border-top: \
1px solid @borde\
r@;\x0a}\x0a#permissio\
nNote { color: @\
warning@; }\x0a\x0a#ch\
ip {\x0a    backgro\
und: @sidebar_se\
lected@;\x0a    bor\
der: 1px solid @\
border@;\x0a    bor\
der-radius: 11px\
;\x0a}\x0a#chipText { \
color: @text@; }\
\x0a#chipRemove {\x0a \
   background: t\
ransparent;\x0a    \
border: none;\x0a  \
  border-radius:\
 8px;\x0a    color:\
 @muted@;\x0a    pa\
dding: 0px 3px;\x0a\
}\x0a#chipRemove:ho\
ver, #chipRemove\
:focus { backgro\
und: @border@; c\
olor: @text@; }\x0a\
#chipMore {\x0a    \
background: @bas\
e@;\x0a    border: \
1px solid @borde\
r@;\x0a    border-r\
adius: 11px;\x0a   \
 padding: 2px 10\
px;\x0a    color: @\
accent@;\x0a}\x0a#chip\
More:checked, #c\
hipMore:focus { \
border-color: @a\
ccent@; }\x0a#picke\
dCount { color: \
@muted@; }\x0a\x0aQSta\
tusBar { backgro\
und: @sidebar@; \
border-top: 1px \
solid @border@; \
color: @muted@; \
}\x0aQStatusBar QLa\
bel { padding: 0\
px 8px; }\x0a#syncS\
tate[phase=\x22offl\
ine\x22], #syncStat\
e[phase=\x22error\x22]\
, #syncState[pha\
se=\x22signed_out\x22]\
 {\x0a    color: @w\
arning@; font-we\
ight: 600;\x0a}\x0a#sy\
ncState[phase=\x22o\
nline\x22] { color:\
 @ok@; }\x0a#outbox\
Count { color: @\
text@; font-weig\
ht: 600; }\x0a\x0aQSpl\
itter::handle { \
background: @bor\
der@; }\x0aQSplitte\
r::handle:horizo\
ntal { width: 1p\
x; }\x0aQSplitter::\
handle:vertical \
{ height: 1px; }\
\x0a\x0aQMenuBar { bac\
kground: @window\
@; }\x0aQToolTip { \
border: 1px soli\
d @border@; padd\
ing: 4px; }\x0a\
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
\x00\x00\x03u\
<\
?xml version=\x221.\
0\x22 encoding=\x22UTF\
-8\x22?>\x0a<!-- The F\
ront Desk app ic\
on: the source e\
very PNG, .ico a\
nd .icns is gene\
rated from\x0a     \
(tools/make_app_\
icons.py), drawn\
 on a 256-unit g\
rid so small siz\
es stay sharp. -\
->\x0a<svg xmlns=\x22h\
ttp://www.w3.org\
/2000/svg\x22 width\
=\x22256\x22 height=\x222\
56\x22 viewBox=\x220 0\
 256 256\x22>\x0a  <de\
fs>\x0a    <linearG\
radient id=\x22tile\
\x22 x1=\x220\x22 y1=\x220\x22 \
x2=\x220\x22 y2=\x221\x22>\x0a \
     <stop offse\
t=\x220\x22 stop-color\
=\x22#3b7cf0\x22/>\x0a   \
   <stop offset=\
\x221\x22 stop-color=\x22\
#2559c4\x22/>\x0a    <\
/linearGradient>\
\x0a  </defs>\x0a  <re\
ct x=\x2216\x22 y=\x2216\x22\
 width=\x22224\x22 hei\
ght=\x22224\x22 rx=\x2252\
\x22 fill=\x22url(#til\
e)\x22/>\x0a  <path d=\
\x22M64 76 h128 a12\
 12 0 0 1 12 12 \
v64 a12 12 0 0 1\
 -12 12 h-68 l-3\
6 30 v-30 h-24 a\
12 12 0 0 1 -12 \
-12 v-64 a12 12 \
0 0 1 12 -12 z\x22 \
fill=\x22#ffffff\x22/>\
\x0a  <circle cx=\x221\
00\x22 cy=\x22120\x22 r=\x22\
10\x22 fill=\x22#2f6fd\
e\x22/>\x0a  <circle c\
x=\x22128\x22 cy=\x22120\x22\
 r=\x2210\x22 fill=\x22#2\
f6fde\x22/>\x0a  <circ\
le cx=\x22156\x22 cy=\x22\
120\x22 r=\x2210\x22 fill\
=\x22#2f6fde\x22/>\x0a</s\
vg>\x0a\
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
\x00\x03\
\x00\x00hp\
\x00a\
\x00p\x00p\
\x00\x0c\
\x02V\xda\x87\
\x00f\
\x00a\x00m\x00i\x00l\x00i\x00e\x00s\x00.\x00s\x00v\x00g\
\x00\x09\
\x07\xc9\xaf\x87\
\x00s\
\x00t\x00a\x00f\x00f\x00.\x00s\x00v\x00g\
\x00\x09\
\x0a&\xaf\xc7\
\x00t\
\x00a\x00s\x00k\x00s\x00.\x00s\x00v\x00g\
\x00\x0e\
\x0eX\xa6\xe7\
\x00f\
\x00r\x00o\x00n\x00t\x00-\x00d\x00e\x00s\x00k\x00.\x00s\x00v\x00g\
"

qt_resource_struct = b"\
\x00\x00\x00\x00\x00\x02\x00\x00\x00\x03\x00\x00\x00\x01\
\x00\x00\x00\x00\x00\x02\x00\x00\x00\x0b\x00\x00\x00\x07\
\x00\x00\x00.\x00\x02\x00\x00\x00\x02\x00\x00\x00\x05\
\x00\x00\x00\x10\x00\x02\x00\x00\x00\x01\x00\x00\x00\x04\
\x00\x00\x00r\x00\x00\x00\x00\x00\x01\x00\x00\x18\xf1\
\x00\x00\x00@\x00\x00\x00\x00\x00\x01\x00\x00\x00\x00\
\x00\x00\x00X\x00\x00\x00\x00\x00\x01\x00\x00\x07P\
\x00\x00\x01<\x00\x02\x00\x00\x00\x01\x00\x00\x00\x12\
\x00\x00\x01\x02\x00\x00\x00\x00\x00\x01\x00\x00\x1e\xaf\
\x00\x00\x01H\x00\x00\x00\x00\x00\x01\x00\x00!\x08\
\x00\x00\x00\xa4\x00\x00\x00\x00\x00\x01\x00\x00\x1a4\
\x00\x00\x00\x8c\x00\x00\x00\x00\x00\x01\x00\x00\x19\x16\
\x00\x00\x01f\x00\x00\x00\x00\x00\x01\x00\x00\x22V\
\x00\x00\x01~\x00\x00\x00\x00\x00\x01\x00\x00#\x8a\
\x00\x00\x00\xd6\x00\x00\x00\x00\x00\x01\x00\x00\x1c]\
\x00\x00\x00\xea\x00\x00\x00\x00\x00\x01\x00\x00\x1d\x8a\
\x00\x00\x00\xb8\x00\x00\x00\x00\x00\x01\x00\x00\x1b\x0d\
\x00\x00\x01\x22\x00\x00\x00\x00\x00\x01\x00\x00\x1f\xd4\
\x00\x00\x01\x96\x00\x00\x00\x00\x00\x01\x00\x00$\xc9\
"

def qInitResources():
    QtCore.qRegisterResourceData(0x01, qt_resource_struct, qt_resource_name, qt_resource_data)

def qCleanupResources():
    QtCore.qUnregisterResourceData(0x01, qt_resource_struct, qt_resource_name, qt_resource_data)

qInitResources()
