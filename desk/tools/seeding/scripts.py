"""What families and a childcare centre say to each other: the seeded message bodies.

A conversation is a script: a few lines alternating between the family side (a
parent, a grandparent, a staff member texting in, a stranger) and the centre side
(the office, a teacher). A long thread is the same family coming back weeks later
about something else, so a thread walks through scripts one after another.

Bodies name the thread's child, parent, teacher and room through `str.format`
fields (`{child}`, `{parent}`, `{teacher}`, `{room}`, `{centre}`), filled per
thread; most lines have none, which keeps formatting off the hot path.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum


class Side(IntEnum):
    """Who speaks a line: the family side writes in, the centre side writes out."""

    FAMILY = 0
    CENTRE = 1


@dataclass(frozen=True)
class AttachedFile:
    """A file a line comes with (seed 002: subject, body, attachments)."""

    filename: str
    mime_type: str
    size: int


@dataclass(frozen=True)
class Line:
    """One message of a script.

    Attributes:
        emergency: sent as an Emergency SMS (seed 000), so at most 300 characters.
        kiosk: also shown at the sign-in kiosk (seed 000).
    """

    side: Side
    text: str
    emergency: bool = False
    kiosk: bool = False
    attachment: AttachedFile | None = None


def fam(text: str) -> Line:
    """A line from the family side."""
    return Line(Side.FAMILY, text)


def ctr(
    text: str,
    *,
    emergency: bool = False,
    kiosk: bool = False,
    attachment: AttachedFile | None = None,
) -> Line:
    """A line from the centre side."""
    return Line(Side.CENTRE, text, emergency, kiosk, attachment)


Script = tuple[Line, ...]

PDF = "application/pdf"
TAX_STATEMENT = AttachedFile("childcare-tax-statement.pdf", PDF, 48_211)
MEDICATION_FORM = AttachedFile("medication-authorization-form.pdf", PDF, 112_904)
TUITION_SCHEDULE = AttachedFile("tuition-schedule-2025-26.pdf", PDF, 86_377)
PERMISSION_SLIP = AttachedFile("field-trip-permission-slip.pdf", PDF, 64_512)
PHOTO_ORDER_FORM = AttachedFile("photo-day-order-form.pdf", PDF, 201_733)
ART_PHOTO = AttachedFile("IMG_2041.jpg", "image/jpeg", 2_348_115)
DRIVER_MAP = AttachedFile("orchard-directions.png", "image/png", 412_880)

OFFICE: tuple[Script, ...] = (
    (
        fam("Hi, there's an extra $45 on our March statement. Can you tell me what it's for?"),
        ctr(
            "Hi {parent}, that's the late pickup fee from March 12, when {child} was picked "
            "up at 6:20. Happy to go over it if you'd like."
        ),
        fam("Oh right, that was the day of the storm. Is there any way to waive it?"),
        ctr("I've waived it this once given the weather. It will come off your next statement."),
        fam("Thank you so much, we really appreciate it!"),
    ),
    (
        fam("We switched banks. How do I update the autopay for tuition?"),
        ctr(
            "You can change it in the parent portal under Billing > Payment Methods. The "
            "change takes effect on the next draft, which is Friday."
        ),
        fam("Done, thanks!"),
    ),
    (
        fam("Could you send me our year-end statement for taxes? Our FSA needs it too."),
        ctr("Of course! Attached is your statement for last year.", attachment=TAX_STATEMENT),
        fam("Got it, thank you. Does it include your tax ID number?"),
        ctr("Yes, our EIN is at the top of the second page."),
    ),
    (
        ctr(
            "Hi {parent}, our records show {child}'s immunization record expired last "
            "month. Could you send an updated copy by Friday?",
            kiosk=True,
        ),
        fam("Sorry about that! We have a checkup on Tuesday and I'll send it right after."),
        ctr("Perfect, thank you."),
        fam("Here it is, just uploaded it to the portal."),
        ctr("Received, you're all set."),
    ),
    (
        fam(
            "Please note that per our parenting plan, I pick up {child} Monday to Wednesday "
            "and my ex picks up Thursday and Friday."
        ),
        ctr(
            "Thank you for letting us know. Could you send us a copy of the court order so "
            "we can keep it on file? We'll only follow what is in writing."
        ),
        fam("I'll drop off a copy tomorrow morning."),
        ctr("Thank you. It will stay confidential and only the directors will see it."),
    ),
    (
        fam("We'd like to go from 3 days to 5 days a week starting next month. Is there room?"),
        ctr(
            "Good news, we have space in {room} for full time starting on the 1st. The "
            "new weekly rate is $385. I've attached the tuition schedule.",
            attachment=TUITION_SCHEDULE,
        ),
        fam("Great, let's do it."),
        ctr("Done! Please stop by the front desk to sign the updated agreement.", kiosk=True),
    ),
    (
        fam("Is there a sibling discount? {child}'s little brother starts in the fall."),
        ctr("Yes, 10% off the older child's tuition while both are enrolled full time."),
        fam("That helps a lot, thank you."),
    ),
    (
        fam("Our state subsidy renewal is due at the end of the month. What do you need from us?"),
        ctr(
            "We need your new approval letter and the signed attendance sheet. The "
            "caseworker usually takes about two weeks, so sooner is better."
        ),
        fam("I'll get the letter to you this week."),
    ),
    (
        fam(
            "We're moving to Denver in June, so {child}'s last day will be June 20. We'll "
            "miss everyone so much."
        ),
        ctr(
            "We'll miss you too! We need two weeks' written notice, so this message counts. "
            "Your last tuition payment will be prorated."
        ),
        fam("Thank you for everything you've done for {child}."),
    ),
    (
        ctr(
            "{child} will need an EpiPen on site and a signed allergy action plan before "
            "Monday. The medication form is attached.",
            attachment=MEDICATION_FORM,
        ),
        fam("Signed and in the backpack. The EpiPen is in the front pocket."),
        ctr("Thank you! The nurse has checked it in."),
    ),
    (
        fam("We'll be on vacation the week of the 14th. Do we still pay tuition that week?"),
        ctr(
            "Each family gets one vacation week at half tuition per year. Would you like to "
            "use it for that week?"
        ),
        fam("Yes please."),
        ctr("Noted, your statement will show the credit."),
    ),
)

CLASSROOM: tuple[Script, ...] = (
    (
        fam("{child} woke up with a fever of 101, so we're staying home today."),
        ctr(
            "Thanks for letting us know. Feel better, {child}! Just a reminder that children "
            "need to be fever-free for 24 hours without medicine before coming back."
        ),
        fam("Will do. Hopefully back Thursday."),
    ),
    (
        fam("Grandma will pick up {child} today at 4:30."),
        ctr("Got it! Please remind her to bring a photo ID, since it's her first time."),
        fam("Will do, thank you!"),
    ),
    (
        fam("How did {child} nap today? We had a rough night."),
        ctr("{child} slept about an hour and a half and woke up happy. Ate all of lunch, too."),
        fam("That's a relief, thanks {teacher}."),
    ),
    (
        ctr(
            "{child} used the potty three times today! We gave lots of high fives. Please "
            "send two extra pairs of underwear tomorrow."
        ),
        fam("Yay! We've been practicing at home. Will pack extras."),
    ),
    (
        fam("{child} came home in someone else's jacket, a blue one with dinosaurs on it."),
        ctr("Thanks! That's Leo's. We found {child}'s red jacket in the cubby, swap tomorrow?"),
        fam("Perfect, I'll bring it in the morning."),
    ),
    (
        ctr(
            "Photo day is this Thursday! Order forms are in the cubbies and attached here.",
            attachment=PHOTO_ORDER_FORM,
        ),
        fam("Can {child} wear a special outfit for photos and change after?"),
        ctr("Of course, we'll help {child} change after photos."),
    ),
    (
        ctr(
            "We're going to the children's museum next Friday. Please return the signed "
            "permission slip by Wednesday.",
            attachment=PERMISSION_SLIP,
        ),
        fam("Signed and in the backpack!"),
        ctr("Got it, thank you."),
        fam("Do they need a packed lunch?"),
        ctr("Yes please, a disposable lunch bag with {child}'s name on it. We'll bring water."),
    ),
    (
        ctr(
            "Water play is tomorrow if it's sunny. Please put sunscreen on {child} before "
            "drop-off and send a swimsuit and towel."
        ),
        fam("Sounds fun! Will do."),
    ),
    (
        ctr(
            "I wanted to let you know {child} was bitten on the arm by a friend during "
            "block play. We cleaned it and put ice on it; the skin isn't broken. An "
            "incident report is ready for you at pickup."
        ),
        fam("Thanks for telling me. Is {child} okay?"),
        ctr("{child} was upset for a minute, then went back to playing. We're watching closely."),
        fam("OK, thank you for handling it."),
    ),
    (
        ctr(
            "{child} painted this today and was very proud of it!",
            attachment=ART_PHOTO,
        ),
        fam("I love it! It's going on the fridge."),
    ),
    (
        ctr("{child} is down to the last 3 diapers. Could you bring a new pack tomorrow?"),
        fam("Oops, thanks for the reminder. I'll bring some in the morning."),
    ),
    (
        fam("Can we bring cupcakes for {child}'s birthday on Friday?"),
        ctr("We love celebrations! Store-bought and nut-free please, for 14 kids."),
        fam("Great, mini cupcakes from the bakery it is."),
    ),
    (
        ctr(
            "Parent-teacher conferences are next week. Does Tuesday at 5:15 or Wednesday "
            "at 8:30 work for you to talk about {child}'s progress?"
        ),
        fam("Wednesday at 8:30 works best."),
        ctr("See you then!"),
    ),
    (
        fam("{child} has a doctor's appointment at 2, so I'll be there at 1:30."),
        ctr("Thanks, we'll have {child} ready after nap."),
    ),
    (
        fam("Is {room} going outside today? {child} is getting over a cold."),
        ctr("We'll go out for a short time after snack. Please send a warm hat and mittens."),
        fam("Will do."),
    ),
)

SMS_FAMILY: tuple[Script, ...] = (
    (
        fam("Running 10 min late for pickup, so sorry!"),
        ctr("No problem, see you soon."),
    ),
    (
        ctr(
            "{centre}: We are CLOSED today due to a power outage. We will text when we "
            "reopen. Stay safe!",
            emergency=True,
        ),
        fam("Thanks for the heads up. Any idea about tomorrow?"),
        ctr("We expect to open at the usual time tomorrow."),
    ),
    (
        ctr("Reminder: {centre} is closed Monday for Memorial Day."),
        fam("Thank you!"),
    ),
    (
        ctr("Friendly reminder: tuition for next week is due Friday."),
        fam("Just paid it, thanks"),
    ),
    (
        ctr("Hi {parent}, {child} has a temperature of 100.8. Please pick up within the hour."),
        fam("On my way, 20 min."),
        ctr("Thank you. {child} is resting in the office with {teacher}."),
    ),
    (
        fam("STOP"),
        ctr("You're unsubscribed from {centre} texts. Reply START to resubscribe."),
        fam("START"),
        ctr("You're subscribed to {centre} texts again. Reply STOP to opt out."),
    ),
    (
        ctr(
            "{centre}: Due to snow we are opening at 10 am today. Before-care is cancelled.",
            emergency=True,
        ),
        fam("Is aftercare still running?"),
        ctr("Yes, aftercare runs until 6 as usual."),
    ),
    (
        fam("Can you let {teacher} know {child} forgot lunch today? I'll drop it off at 11."),
        ctr("Will do, just leave it at the front desk."),
    ),
)

SMS_STAFF: tuple[Script, ...] = (
    (
        ctr("Can you cover the Toddlers opening shift tomorrow at 6:30?"),
        fam("Yes I can"),
        ctr("Thank you!!"),
    ),
    (
        fam("I'm sick today and won't be able to come in, so sorry."),
        ctr("Feel better, we'll find coverage. Let us know about tomorrow."),
    ),
    (
        ctr("Staff meeting moved to Thursday at 6:15. Pizza will be provided."),
        fam("Got it"),
    ),
    (
        fam("Running late, stuck behind an accident on Route 9. ETA 7:10"),
        ctr("Thanks for texting, drive safe."),
    ),
)

SMS_ENQUIRY: tuple[Script, ...] = (
    (
        fam("Hi, do you have any openings for a 2 year old starting in September?"),
        ctr(
            "Hi! We have a short waitlist for our Twos room. We'd love to give you a tour, "
            "does Tuesday at 10 work?"
        ),
        fam("Yes that works, thank you"),
        ctr("Great, see you Tuesday! We're at 48 Maple Street, parking is in the back."),
    ),
    (
        fam("Hey is this Mike?"),
        ctr("This is {centre}, you may have the wrong number."),
        fam("Sorry!"),
    ),
    (
        fam("Do you offer part-time care, like 2 or 3 days a week?"),
        ctr("We do, for ages 2 and up. Three-day spots start at $265 a week."),
    ),
)

GROUP: tuple[Script, ...] = (
    (
        ctr(
            "Thank you for volunteering to drive for the apple orchard trip on the 14th! "
            "Each car needs car seats or boosters for 3 children.",
            attachment=DRIVER_MAP,
        ),
        fam("I can take 3, I have two spare boosters."),
        fam("I can take 2."),
        ctr("Perfect, that covers everyone. Meet in the lobby at 9:15."),
        fam("Do we need to pack lunches?"),
        ctr("Yes please, the orchard has picnic tables. We'll bring water and apples!"),
    ),
    (
        ctr(
            "We need volunteers for the Spring Fair bake sale table and face painting. "
            "Reply with what you can help with!"
        ),
        fam("I can do face painting from 10 to 12."),
        fam("Put me down for brownies, two dozen."),
        fam("I can run the bake sale table after 12."),
        ctr("Amazing, thank you all! I'll send the schedule Friday."),
    ),
    (
        ctr("Holiday potluck sign-ups! Please reply with what you'll bring."),
        fam("Mac and cheese from us!"),
        fam("We'll bring a fruit platter."),
        fam("Homemade tamales, a dozen."),
        ctr("This is going to be delicious. Please label anything with nuts."),
    ),
    (
        ctr(
            "Graduation is June 12 at 10 am. We're looking for a parent to take photos and "
            "two to help with the slideshow."
        ),
        fam("My husband does photography, he'd be happy to."),
        fam("I can help with the slideshow."),
        ctr("Wonderful, thank you! Please send baby photos by May 30."),
    ),
    (
        fam("Quick question for everyone: is anyone else's kiddo resisting naps this week?"),
        fam("Yes! Ours too. {teacher} said it's common around this age."),
        ctr("It's very common during transitions. We keep a quiet rest time either way."),
    ),
)

SCRIPT_SETS: dict[str, tuple[Script, ...]] = {
    "office": OFFICE,
    "classroom": CLASSROOM,
    "sms_family": SMS_FAMILY,
    "sms_staff": SMS_STAFF,
    "sms_enquiry": SMS_ENQUIRY,
    "group": GROUP,
}
"""Every script set by name; a thread plan walks the scripts of one set."""

KIOSK_NOTES = (
    "Please stop by the front desk to sign the updated enrollment agreement.",
    "Tuition statement for this month is ready. Ask the front desk for a copy.",
    "{child}'s field trip permission slip is due Friday.",
    "Picture day is Thursday! Order forms are in the cubbies.",
    "Please bring extra clothes for {child}: a shirt, pants and socks.",
    "{child}'s cubby is full of art, please take some home!",
    "Reminder: we close at 3 pm this Friday for staff training.",
    "Please update {child}'s emergency contacts in the parent portal.",
    "We found {child}'s water bottle in the lost and found.",
)
"""Messages the office queues to show at a parent's next PIN entry (seed 000)."""
