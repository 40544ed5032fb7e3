"""Names and labels a childcare centre's records are made of.

Kept apart from the code that draws from them so the generator reads as rules and
this file reads as data. Names are a mix a North American centre would see; all
phone numbers and e-mail domains elsewhere are reserved fictional ones.
"""

from __future__ import annotations

from dataclasses import dataclass

CENTRE_NAMES = (
    "Maple Street Early Learning Centre",
    "Little Acorns Child Care",
    "Sunnyside Children's Centre",
    "Riverbend Early Education",
    "Harbor Lights Preschool & Child Care",
    "Willow Creek Learning Centre",
    "Bright Horizons on Elm",
    "Cedar Hill Kids Academy",
)

WOMEN = (
    "Maria", "Jennifer", "Aisha", "Priya", "Sarah", "Emily", "Jessica", "Ashley", "Lauren",
    "Megan", "Rachel", "Nicole", "Samantha", "Amanda", "Stephanie", "Hannah", "Olivia", "Grace",
    "Mei", "Yuki", "Fatima", "Amira", "Sofia", "Camila", "Valentina", "Lucia", "Ana", "Gabriela",
    "Daniela", "Keisha", "Tanisha", "Jasmine", "Monique", "Erin", "Kelly", "Heather", "Allison",
    "Katie", "Brianna", "Leah", "Rebecca", "Naomi", "Chloe", "Zoe", "Ingrid", "Elena", "Natalia",
    "Svetlana", "Leila", "Noor", "Anjali", "Deepa", "Kavya", "Linh", "Thu", "Hye-jin", "Min-ji",
    "Aaliyah", "Imani", "Claire", "Julia", "Molly", "Tessa", "Vanessa", "Brooke", "Dana", "Robin",
)  # fmt: skip
MEN = (
    "James", "Michael", "David", "Daniel", "Matthew", "Chris", "Andrew", "Joshua", "Ryan",
    "Brandon", "Kevin", "Jason", "Justin", "Eric", "Tyler", "Marcus", "Andre", "Malik", "Darnell",
    "Jamal", "Carlos", "Luis", "Jorge", "Miguel", "Diego", "Mateo", "Alejandro", "Javier", "Wei",
    "Hiroshi", "Kenji", "Raj", "Arjun", "Vikram", "Omar", "Ahmed", "Yusuf", "Hassan", "Ivan",
    "Dmitri", "Pavel", "Lars", "Sven", "Patrick", "Sean", "Connor", "Liam", "Owen", "Nathan",
    "Ben", "Sam", "Tom", "Greg", "Paul", "Mark", "Scott", "Derek", "Trevor", "Minh", "Tuan",
    "Jun", "Sung-min", "Kwame",
)  # fmt: skip
CHILDREN = (
    "Olivia", "Emma", "Ava", "Sophia", "Isabella", "Mia", "Amelia", "Harper", "Evelyn", "Abigail",
    "Ella", "Scarlett", "Luna", "Chloe", "Layla", "Nora", "Zoey", "Lily", "Hazel", "Aria", "Maya",
    "Leah", "Stella", "Ruby", "Ivy", "Naomi", "Aaliyah", "Priya", "Aanya", "Mei", "Sakura",
    "Yara", "Zara", "Fatima", "Amara", "Nia", "Liam", "Noah", "Oliver", "Elijah", "Lucas",
    "Mason", "Logan", "Ethan", "Aiden", "Jackson", "Leo", "Mateo", "Sebastian", "Henry", "Owen",
    "Theo", "Ezra", "Caleb", "Isaac", "Miles", "Julian", "Kai", "Rohan", "Arjun", "Omar", "Yusuf",
    "Hiro", "Kenji", "Santiago", "Diego", "Malik", "Jayden", "Xavier", "Felix", "Oscar", "Milo",
    "Jasper", "Wyatt", "Asher", "Declan", "Finn", "Rowan", "Sage", "River", "Quinn",
)  # fmt: skip
SURNAMES = (
    "Garcia", "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Rodriguez",
    "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor",
    "Moore", "Jackson", "Martin", "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez",
    "Clark", "Ramirez", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright",
    "Scott", "Torres", "Nguyen", "Hill", "Flores", "Green", "Adams", "Nelson", "Baker", "Hall",
    "Rivera", "Campbell", "Mitchell", "Carter", "Roberts", "Chen", "Wang", "Kim", "Park", "Patel",
    "Shah", "Singh", "Kumar", "Tanaka", "Sato", "Ali", "Khan", "Haddad", "Okafor", "Mensah",
    "Diallo", "Kowalski", "Novak", "Ivanova", "Petrov", "Larsen", "O'Brien", "Murphy", "Kelly",
    "Sullivan", "MacDonald", "Cohen", "Levy", "Rossi", "Bianchi", "Dubois", "Tremblay", "Gagnon",
    "Fischer", "Weber", "Schmidt", "Tran", "Pham", "Le", "Hoang", "Mendoza",
)  # fmt: skip

GUARDIAN_RELATIONSHIPS_WOMEN = ("Mother", "Mother", "Mother", "Stepmother", "Legal guardian")
GUARDIAN_RELATIONSHIPS_MEN = ("Father", "Father", "Father", "Stepfather", "Legal guardian")
PICKUP_RELATIONSHIPS_WOMEN = ("Grandmother", "Aunt", "Nanny", "Neighbor", "Family friend")
PICKUP_RELATIONSHIPS_MEN = ("Grandfather", "Uncle", "Neighbor", "Family friend")

EMAIL_DOMAINS = ("example.com", "example.org", "example.net")
LANGUAGES = ("en",) * 22 + ("es",) * 3 + ("fr", "zh", "vi", "ar")


@dataclass(frozen=True)
class RoomKind:
    """A classroom of a centre and the ages it takes, in months."""

    name: str
    capacity: int
    youngest: int
    oldest: int


ROOMS = (
    RoomKind("Infants", 8, 2, 12),
    RoomKind("Toddlers", 10, 12, 24),
    RoomKind("Twos", 12, 24, 36),
    RoomKind("Preschool A", 16, 36, 48),
    RoomKind("Preschool B", 16, 36, 48),
    RoomKind("Pre-K", 18, 48, 60),
    RoomKind("Kindergarten", 20, 60, 72),
    RoomKind("School-Age", 24, 72, 144),
)

STAFF_GROUPS = (
    "All Staff",
    "Infant & Toddler Team",
    "Preschool Team",
    "Front Office",
    "Openers (6:30 am)",
    "Closers (6:00 pm)",
    "First Aid Certified",
)

CLASSES = (
    ("Music & Movement", "Twos"),
    ("Little Chefs", "Preschool A"),
    ("Spanish Playgroup", "Preschool B"),
    ("Soccer Shots", "Pre-K"),
    ("Art Studio", "Kindergarten"),
    ("STEM Explorers", "School-Age"),
    ("Baby Sign Language", "Infants"),
    ("Yoga for Little Ones", "Toddlers"),
)
CAMPS = (
    "Winter Break Camp",
    "February Vacation Camp",
    "Spring Break Camp",
    "Summer Camp: Week 1, Under the Sea",
    "Summer Camp: Week 2, Dinosaur Dig",
    "Summer Camp: Week 3, Space Explorers",
    "Summer Camp: Week 4, Art Around the World",
)

GROUP_TITLES = (
    "Pre-K Field Trip Drivers",
    "Spring Fair Volunteers",
    "Toddler Room Parents",
    "Kindergarten Graduation Planning",
    "Potty Training Support",
    "Holiday Party Potluck",
    "Book Fair Helpers",
    "Parent Advisory Committee",
    "Infant Room Feeding Schedules",
    "Garden Day Crew",
    "Fundraiser: Fun Run",
    "School-Age Summer Trips",
)

KIOSK_NAMES = ("Front Entrance Kiosk", "Toddler Wing Kiosk", "School-Age Door Kiosk")

SIGN_IN_NOTES = (
    "",
    "",
    "",
    "",
    "Had breakfast at home",
    "Slept poorly last night",
    "Grandma picking up today",
    "Diaper cream in the bag",
    "Leaving early for a dentist appointment",
    "Bottle in the fridge",
)
