"""Word lists for the figures stage: number words, qualifiers, currencies, units.

Read-only tables (tuples, frozensets and mappings built once at import from
literals; nothing here is mutated). Unit names follow the vocabulary NewsQuant
uses for ``normalized_unit`` where one exists ("metre", "kilogram",
"japanese yen"), so figures compare across outlets whatever the spelling.
"""

from __future__ import annotations

from types import MappingProxyType

from ...lexicons import cardinals, months, scales, tens, weekdays

__all__ = [
    "SMALL_NUMBERS", "TENS", "SCALES", "INDIAN_SCALES", "VAGUE_PLURALS", "QUALIFIER_CUES_BEFORE",
    "QUALIFIER_CUES_AFTER", "CURRENCY_PREFIXES", "CURRENCY_WORDS", "UNIT_WORDS",
    "DURATION_UNITS", "MONTHS", "WEEKDAYS", "NAME_WORDS", "DEMONYMS", "PLACE_ALIASES",
    "UP_VERBS", "DOWN_VERBS", "CASUALTY_VERBS", "PRESENCE_VERBS", "EVENT_VERBS",
    "UNIT_SYNONYMS", "EVENT_NOUNS",
]

SMALL_NUMBERS = cardinals()
TENS = tens()
#: the scale words of South Asian English, written after a number like "million" ("Rs 500 crore"
#: = 5 billion rupees, "2 lakh" = 200,000)
INDIAN_SCALES = MappingProxyType({"lakh": 1e5, "lakhs": 1e5, "lac": 1e5, "lacs": 1e5,
                                  "crore": 1e7, "crores": 1e7})
#: multiplier words and abbreviations written after a number
SCALES = MappingProxyType({
    **{word: float(n) for word, n in scales().items()}, **INDIAN_SCALES,
    "k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "mil": 1e6, "mio": 1e6, "b": 1e9, "bn": 1e9, "bln": 1e9, "tn": 1e12, "trn": 1e12,
})
#: "dozens of", "hundreds of": the smallest plural (two of the unit), qualifier "about"
VAGUE_PLURALS = MappingProxyType({
    "dozens": 24.0, "scores": 40.0, "hundreds": 200.0, "thousands": 2000.0,
    "tens of thousands": 20000.0, "hundreds of thousands": 200000.0,
    "millions": 2e6, "billions": 2e9,
})

#: cue (lower case, whole words) written before a number -> qualifier
QUALIFIER_CUES_BEFORE = MappingProxyType({
    "more than": "more_than", "over": "more_than", "above": "more_than",
    "upwards of": "more_than", "in excess of": "more_than", "exceeding": "more_than",
    "greater than": "more_than", "higher than": "more_than", "north of": "more_than",
    "well over": "more_than", "just over": "more_than", "nearly over": "more_than",
    "less than": "less_than", "fewer than": "less_than", "under": "less_than",
    "below": "less_than", "lower than": "less_than", "just under": "less_than",
    "sub": "less_than", "shy of": "less_than",
    "at least": "at_least", "no fewer than": "at_least", "no less than": "at_least",
    "a minimum of": "at_least", "not less than": "at_least",
    "at most": "at_most", "up to": "at_most", "no more than": "at_most",
    "as many as": "at_most", "as much as": "at_most", "a maximum of": "at_most",
    "not more than": "at_most",
    "about": "about", "around": "about", "roughly": "about", "approximately": "about",
    "approx": "about", "some": "about", "nearly": "about", "almost": "about",
    "an estimated": "about", "estimated": "about", "close to": "about", "circa": "about",
    "barely": "about", "just about": "about", "an approximate": "about", "ca": "about",
    "~": "about", "≈": "about", "c.": "about",
})
#: cue written after a number (and its unit) -> qualifier
QUALIFIER_CUES_AFTER = MappingProxyType({
    "or more": "at_least", "or over": "at_least", "plus": "at_least", "+": "at_least",
    "or so": "about", "or less": "at_most", "or fewer": "at_most",
})

#: symbol or code written before the number -> currency name
CURRENCY_PREFIXES = MappingProxyType({
    "us$": "dollar", "$": "dollar", "a$": "australian dollar", "c$": "canadian dollar",
    "s$": "singaporean dollar", "hk$": "hong kong dollar", "nz$": "new zealand dollar",
    "r$": "brazilian real", "€": "euro", "£": "pound sterling", "ps": "pound sterling",
    "¥": "japanese yen", "y=": "japanese yen", "rm": "malaysian ringgit",
    "rs": "indian rupee", "rs.": "indian rupee", "inr": "indian rupee", "usd": "dollar",
    "eur": "euro", "gbp": "pound sterling", "jpy": "japanese yen", "cny": "chinese yuan",
    "rmb": "chinese yuan", "₹": "indian rupee", "₩": "south korean won", "₪": "shekel",
    "nis": "shekel", "chf": "swiss franc", "rp": "indonesian rupiah",
})
#: currency word or code written after the number (lower case) -> currency name
CURRENCY_WORDS = MappingProxyType({
    "dollar": "dollar", "dollars": "dollar", "usd": "dollar", "euro": "euro", "euros": "euro",
    "eur": "euro", "pound": "pound sterling", "pounds": "pound sterling",
    "sterling": "pound sterling", "gbp": "pound sterling", "yen": "japanese yen",
    "jpy": "japanese yen", "yuan": "chinese yuan", "renminbi": "chinese yuan",
    "cny": "chinese yuan", "ringgit": "malaysian ringgit", "shekel": "shekel",
    "shekels": "shekel", "nis": "shekel", "rupee": "indian rupee", "rupees": "indian rupee",
    "inr": "indian rupee", "won": "south korean won", "franc": "swiss franc",
    "francs": "swiss franc", "peso": "peso", "pesos": "peso", "ruble": "russian ruble",
    "rubles": "russian ruble", "rouble": "russian ruble", "roubles": "russian ruble",
    "lira": "turkish lira", "dinar": "dinar", "dinars": "dinar", "riyal": "riyal",
    "riyals": "riyal", "dirham": "dirham", "dirhams": "dirham", "cent": "cent",
    "cents": "cent", "sen": "sen", "pence": "penny", "p": "penny", "crowns": "crown",
    "kroner": "danish krone", "krone": "danish krone", "kronor": "swedish krona",
    "rand": "south african rand", "naira": "nigerian naira", "baht": "thai baht",
    "rupiah": "indonesian rupiah", "dong": "vietnamese dong", "kuna": "croatian kuna",
    "kn": "croatian kuna", "danish crowns": "danish krone", "danish kroner": "danish krone",
    "swedish crowns": "swedish krona", "swedish kronor": "swedish krona",
    "norwegian crowns": "norwegian krone", "norwegian kroner": "norwegian krone",
    "czech crowns": "czech koruna", "zloty": "polish zloty", "forint": "hungarian forint",
})

#: unit words / abbreviations written after a number (lower case, as written) -> unit name.
#: Multi-word entries are matched first (longest first).
UNIT_WORDS = MappingProxyType({
    "%": "percent", "percent": "percent", "per cent": "percent", "pct": "percent", "pc": "percent",
    "percentage points": "percentage point", "percentage point": "percentage point",
    "basis points": "basis point", "bps": "basis point", "bp": "basis point",
    "km": "kilometre", "kms": "kilometre", "kilometres": "kilometre", "kilometers": "kilometre",
    "kilometre": "kilometre", "kilometer": "kilometre", "m": "metre", "metres": "metre",
    "meters": "metre", "metre": "metre", "meter": "metre", "cm": "centimetre",
    "centimetres": "centimetre", "centimeters": "centimetre", "mm": "millimetre",
    "millimetres": "millimetre", "millimeters": "millimetre", "millimeter": "millimetre",
    "millimetre": "millimetre", "µm": "micrometre", "μm": "micrometre", "micrometres": "micrometre",
    "microns": "micrometre", "miles": "mile", "mile": "mile", "mi": "mile", "yards": "yard",
    "yard": "yard", "yd": "yard", "feet": "foot", "foot": "foot", "ft": "foot", "inches": "inch",
    "inch": "inch", "in.": "inch", "nautical miles": "nautical mile",
    "sq m": "square metre", "sqm": "square metre", "m2": "square metre", "m²": "square metre",
    "square metres": "square metre", "square meters": "square metre",
    "cubic feet": "cubic foot", "cubic foot": "cubic foot", "cu ft": "cubic foot",
    "cubic metres": "cubic metre", "cubic meters": "cubic metre", "cubic metre": "cubic metre",
    "sq ft": "square foot", "square feet": "square foot", "sq km": "square kilometre",
    "square kilometres": "square kilometre", "square kilometers": "square kilometre",
    "km2": "square kilometre", "km²": "square kilometre", "square miles": "square mile",
    "hectares": "hectare", "hectare": "hectare", "ha": "hectare", "acres": "acre", "acre": "acre",
    "kg": "kilogram", "kgs": "kilogram", "kilograms": "kilogram", "kilogrammes": "kilogram",
    "kilos": "kilogram", "g": "gram", "grams": "gram", "grammes": "gram", "mg": "milligram",
    "milligrams": "milligram", "tonnes": "tonne", "tonne": "tonne", "tons": "ton", "ton": "ton",
    "lbs": "pound-mass", "lb": "pound-mass", "ounces": "ounce", "ounce": "ounce", "oz": "ounce",
    "litres": "litre", "liters": "litre", "litre": "litre", "liter": "litre", "l": "litre",
    "ml": "millilitre", "gallons": "gallon", "gallon": "gallon",
    "barrels per day": "barrel per day", "barrels a day": "barrel per day",
    "barrel-a-day": "barrel per day", "barrels-a-day": "barrel per day", "bpd": "barrel per day",
    "barrels": "barrel", "barrel": "barrel",
    "km/h": "kilometre per hour", "km/hr": "kilometre per hour", "kph": "kilometre per hour",
    "kmh": "kilometre per hour", "mph": "mile per hour", "miles per hour": "mile per hour",
    "mpg": "mile per gallon", "miles per gallon": "mile per gallon",
    "metres per second": "metre per second", "meters per second": "metre per second",
    "m/s": "metre per second",
    "seconds": "second", "second": "second", "secs": "second", "minutes": "minute",
    "minute": "minute", "mins": "minute", "hours": "hour", "hour": "hour", "hrs": "hour",
    "days": "day", "day": "day", "weeks": "week", "week": "week", "months": "month",
    "month": "month", "years": "year", "year": "year", "yrs": "year", "decades": "decade",
    "decade": "decade", "centuries": "century",
    "hz": "hertz", "khz": "kilohertz", "mhz": "megahertz", "ghz": "gigahertz",
    "w": "watt", "watts": "watt", "kw": "kilowatt", "kilowatts": "kilowatt", "mw": "megawatt",
    "megawatts": "megawatt", "gw": "gigawatt", "gigawatts": "gigawatt", "kwh": "kilowatt hour",
    "mwh": "megawatt hour", "gwh": "gigawatt hour", "mah": "milliampere-hour",
    "v": "volt", "volts": "volt", "kv": "kilovolt",
    "hp": "horsepower", "horsepower": "horsepower", "bhp": "horsepower", "lb-ft": "foot pound-force",
    "nm": "newton metre", "psi": "pound per square inch", "ksi": "kilopound per square inch",
    "mpa": "megapascal",
    "gb": "gigabyte", "mb": "megabyte", "tb": "terabyte", "kb": "kilobyte",
    "gbps": "gigabit per second", "mbps": "megabit per second",
    "degrees celsius": "celsius", "degrees fahrenheit": "fahrenheit", "°c": "celsius",
    "°f": "fahrenheit", "c": "celsius", "f": "fahrenheit", "celsius": "celsius",
    "fahrenheit": "fahrenheit", "degrees": "degree", "degree": "degree", "°": "degree",
    "ppb": "parts-per-billion", "parts per billion": "parts-per-billion",
    "ppm": "parts-per-million", "parts per million": "parts-per-million",
    "points": "point", "point": "point", "pts": "point",
    "ppg": "point per game", "rpg": "rebound per game", "apg": "assist per game",
    "times": "count",
    # units of everyday news (cooking, sea, gems, sound, space, yields, screens) not written above,
    # named as quantulum3 names them (NewsQuant's ``normalized_unit``)
    "pints": "pint", "pint": "pint", "quarts": "quart", "quart": "quart",
    "fluid ounces": "fluid ounce", "fluid ounce": "fluid ounce", "fl oz": "fluid ounce",
    "tablespoons": "tablespoon", "tablespoon": "tablespoon", "tbsp": "tablespoon",
    "teaspoons": "teaspoon", "teaspoon": "teaspoon", "tsp": "teaspoon", "bushels": "bushel",
    "bushel": "bushel", "knots": "knot", "knot": "knot", "carats": "carat", "carat": "carat",
    "calories": "calorie", "calorie": "calorie", "kcal": "kilocalorie",
    "kilocalories": "kilocalorie", "decibels": "decibel", "decibel": "decibel", "db": "decibel",
    "milliseconds": "millisecond", "millisecond": "millisecond", "ms": "millisecond",
    "microseconds": "microsecond", "nanoseconds": "nanosecond",
    "light-years": "light-year", "light-year": "light-year", "light years": "light-year",
    "light year": "light-year", "kilotons": "kiloton", "kiloton": "kiloton", "kilotonnes": "kiloton",
    "megatons": "megaton", "megatonnes": "megaton", "gigatons": "gigaton", "gigatonnes": "gigaton",
    "metric tons": "tonne", "metric ton": "tonne", "metric tonnes": "tonne", "short tons": "short ton",
    "square yards": "square yard", "square inches": "square inch", "cubic inches": "cubic inch",
    "cubic yards": "cubic yard", "feet per second": "foot per second",
    "kilometres per hour": "kilometre per hour", "kilometers per hour": "kilometre per hour",
    "revolutions per minute": "revolutions per minute", "rpm": "revolutions per minute",
    "megapixels": "megapixel", "megapixel": "megapixel", "gigabytes": "gigabyte",
    "gigabyte": "gigabyte", "megabytes": "megabyte", "terabytes": "terabyte",
    "petabytes": "petabyte", "kilobytes": "kilobyte",
    # a prime after the number: "an altitude of 30′", "30' when" (see _values._prime_unit)
    "′": "foot", "″": "inch",
})

#: the unit grammar of written symbols (case matters): prefix + base + exponent, "cm2" = square
#: centimetre, "kWh" = kilowatt hour; a rate is two units joined by "/" or "per" ("A/cm2",
#: "mg per litre"). Symbols of one letter are units only inside such a rate ("1.3 A/cm2").
SI_PREFIXES = MappingProxyType({
    "T": "tera", "G": "giga", "M": "mega", "k": "kilo", "c": "centi", "m": "milli", "µ": "micro",
    "μ": "micro", "u": "micro", "n": "nano",
})
SI_SYMBOLS = MappingProxyType({
    "m": "metre", "g": "gram", "s": "second", "A": "ampere", "V": "volt", "W": "watt", "Wh": "watt hour",
    "Hz": "hertz", "J": "joule", "N": "newton", "Pa": "pascal", "L": "litre", "l": "litre",
    "mol": "mole", "K": "kelvin", "h": "hour", "Gy": "gray", "Sv": "sievert", "Bq": "becquerel",
    "Ω": "ohm", "t": "tonne", "min": "minute", "d": "day",
})
UNIT_EXPONENTS = MappingProxyType({"2": "square", "²": "square", "3": "cubic", "³": "cubic"})
#: multipliers written in one word with the number ("sixfold", "3-fold")
MULTIPLIER_SUFFIX = "fold"

#: units that make a number a duration (a figure) rather than a date
DURATION_UNITS = frozenset({"second", "minute", "hour", "day", "week", "month", "year",
                            "decade", "century"})

MONTHS = frozenset(months())
WEEKDAYS = weekdays()  # ISO: Monday = 1

#: capitalised words that name a thing by number ("Tower 22", "Resolution 2334")
NAME_WORDS = frozenset({
    "tower", "resolution", "article", "route", "flight", "no", "no.", "number", "chapter",
    "section", "camp", "base", "highway", "gate", "phase", "level", "room", "platform",
    "terminal", "apollo", "boeing", "airbus", "formula", "windows", "iphone", "galaxy",
    "pixel", "channel", "bus", "line", "district", "ward", "block", "unit", "building",
    "station", "street", "avenue", "road", "interstate", "i", "vol", "volume", "page",
    "paragraph", "clause", "act", "bill", "covid", "g", "week", "game", "episode", "season",
    "stage", "round", "category", "class", "grade", "index", "s&p", "nasdaq", "ftse", "dax",
    "nikkei", "cac", "stoxx", "ta", "kospi", "russell", "dow",
})

#: demonym / alias (lower case) -> place name used in scopes
DEMONYMS = MappingProxyType({
    "american": "united states", "americans": "united states", "us": "united states",
    "u.s.": "united states", "usa": "united states", "u.s.a.": "united states",
    "united states": "united states", "washington": "united states",
    "spanish": "spain", "spaniard": "spain", "spaniards": "spain",
    "iraqi": "iraq", "iraqis": "iraq", "syrian": "syria", "syrians": "syria",
    "iranian": "iran", "iranians": "iran", "israeli": "israel", "israelis": "israel",
    "palestinian": "palestine", "palestinians": "palestine", "jordanian": "jordan",
    "british": "united kingdom", "uk": "united kingdom", "u.k.": "united kingdom",
    "britain": "united kingdom", "french": "france", "german": "germany", "italian": "italy",
    "russian": "russia", "russians": "russia", "ukrainian": "ukraine", "ukrainians": "ukraine",
    "chinese": "china", "japanese": "japan", "indian": "india", "turkish": "turkey",
    "kurdish": "kurdistan", "lebanese": "lebanon", "yemeni": "yemen", "saudi": "saudi arabia",
    "egyptian": "egypt", "afghan": "afghanistan", "pakistani": "pakistan", "canadian": "canada",
    "australian": "australia", "dutch": "netherlands", "polish": "poland", "greek": "greece",
    "korean": "korea", "mexican": "mexico", "brazilian": "brazil", "qatari": "qatar",
    "emirati": "united arab emirates", "uae": "united arab emirates",
})
PLACE_ALIASES = MappingProxyType({"the united states": "united states", "america": "united states"})

UP_VERBS = frozenset({
    "rise", "increase", "gain", "climb", "jump", "grow", "add", "advance", "surge", "soar",
    "rally", "rebound", "boost", "raise", "up", "edge up", "spike", "leap", "swell", "widen",
    "improve", "accelerate", "expand", "hike", "lift",
})
DOWN_VERBS = frozenset({
    "fall", "drop", "decline", "slide", "slip", "lose", "down", "decrease", "shed", "tumble",
    "plunge", "sink", "slump", "dip", "ease", "cut", "shrink", "reduce", "lower", "narrow",
    "plummet", "retreat", "contract", "crash", "weaken", "tank",
})
#: verbs whose object (or passive subject) is a casualty count -> the participle used in keys
CASUALTY_VERBS = MappingProxyType({
    "kill": "killed", "die": "killed", "wound": "wounded", "injure": "injured",
    "hurt": "injured", "murder": "killed", "slay": "killed", "evacuate": "evacuated",
    "arrest": "arrested", "detain": "detained", "displace": "displaced", "rescue": "rescued",
    "abduct": "abducted", "kidnap": "kidnapped", "capture": "captured", "free": "freed",
    "release": "released", "execute": "executed", "behead": "killed", "hospitalize": "injured",
})
#: verbs that only place or own what is counted ("there are", "has 300 troops deployed")
PRESENCE_VERBS = frozenset({
    "be", "have", "deploy", "station", "base", "keep", "maintain", "number", "total",
    "include", "remain", "send", "count", "estimate", "say", "report", "tally", "record",
    "reach", "stand", "hold", "host", "see",
})
#: verbs counted with "N times" -> the noun that names one occurrence
EVENT_VERBS = MappingProxyType({
    "attack": "attack", "target": "attack", "hit": "attack", "strike": "strike",
    "shell": "attack", "bomb": "bombing", "raid": "raid", "visit": "visit", "arrest": "arrest",
    "fire": "attack", "launch": "attack",
})
#: nouns that name the same kind of thing -> one key
UNIT_SYNONYMS = MappingProxyType({
    "soldier": "troop", "personnel": "troop", "serviceman": "troop", "servicemember": "troop",
    "service member": "troop", "trooper": "troop", "force": "troop", "military": "troop",
    "servicemen": "troop", "people": "person", "individual": "person", "civilian": "civilian",
    "assault": "attack", "strike": "attack", "attack": "attack", "rocket": "attack",
    "drone": "attack",
})
#: nouns that name events (their counts are tallies, not actors)
EVENT_NOUNS = frozenset({
    "attack", "strike", "raid", "bombing", "assault", "incident", "clash", "protest",
    "explosion", "blast", "crash", "shooting", "airstrike",
})
