"""Regenerate ``data/kb/countries.yaml`` and ``data/kb/capitals.yaml`` from pycountry.

pycountry gives the ISO 3166-1 codes and the formal names; news uses other names. The table
below adds, from public knowledge, what a reader of news needs and pycountry lacks: the short
name news uses ("Russia", not "Russian Federation"), other common names ("Britain", "the US"),
demonyms ("North Korean"), the capital and seats of government that stand for the government
("Pyongyang", "the Kremlin" is an organisation in organisations.yaml), the Wikipedia title where
it differs from the short name, the Wikidata id where it is well known, and which office "the
<country> leader" means in parliamentary systems.

Run ``python -m newsgraph.actors.gen_countries`` after editing the table; the YAML files are
what users read and extend (and what the KB loads), this script only keeps them in step with
pycountry.

Table columns, ``|``-separated, ``;`` between values, ``-`` for none:
code | short name | more aliases | demonyms | capital; more names | wikipedia | wikidata | leader
"""

# ruff: noqa: E501 - the table's rows are data, one country a line

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import srsly

# leader: G = head_of_government (parliamentary systems); empty = head_of_state
TABLE = """
AFG|Afghanistan|-|Afghan;Afghans|Kabul|-|Q889|
ALB|Albania|-|Albanian|Tirana|-|Q222|G
DZA|Algeria|-|Algerian|Algiers|-|Q262|
AND|Andorra|-|Andorran|Andorra la Vella|-|-|G
AGO|Angola|-|Angolan|Luanda|-|Q916|
ATG|Antigua and Barbuda|Antigua|Antiguan|St. John's;Saint John's|-|-|G
ARG|Argentina|-|Argentine;Argentinian;Argentines|Buenos Aires|-|Q414|
ARM|Armenia|-|Armenian|Yerevan|-|Q399|G
AUS|Australia|-|Australian;Aussie|Canberra|-|Q408|G
AUT|Austria|-|Austrian|Vienna|-|Q40|G
AZE|Azerbaijan|-|Azerbaijani;Azeri|Baku|-|Q227|
BHS|Bahamas|The Bahamas|Bahamian|Nassau|The Bahamas|-|G
BHR|Bahrain|-|Bahraini|Manama|-|Q398|
BGD|Bangladesh|-|Bangladeshi|Dhaka|-|Q902|G
BRB|Barbados|-|Barbadian|Bridgetown|-|-|G
BLR|Belarus|Byelorussia;Belorussia|Belarusian;Belarusians|Minsk|-|Q184|
BEL|Belgium|-|Belgian|Brussels|-|Q31|G
BLZ|Belize|-|Belizean|Belmopan|-|-|G
BEN|Benin|-|Beninese|Porto-Novo|-|-|
BTN|Bhutan|-|Bhutanese|Thimphu|-|-|G
BOL|Bolivia|-|Bolivian|La Paz;Sucre|-|Q750|
BIH|Bosnia and Herzegovina|Bosnia;Bosnia-Herzegovina|Bosnian|Sarajevo|-|Q225|
BWA|Botswana|-|Botswanan;Motswana;Batswana|Gaborone|-|-|
BRA|Brazil|-|Brazilian|Brasília;Brasilia|-|Q155|
BRN|Brunei|Brunei Darussalam|Bruneian|Bandar Seri Begawan|Brunei|-|
BGR|Bulgaria|-|Bulgarian|Sofia|-|Q219|G
BFA|Burkina Faso|-|Burkinabe|Ouagadougou|-|-|
BDI|Burundi|-|Burundian|Gitega|-|-|
CPV|Cape Verde|Cabo Verde|Cape Verdean|Praia|-|-|
KHM|Cambodia|-|Cambodian|Phnom Penh|-|Q424|G
CMR|Cameroon|-|Cameroonian|Yaoundé;Yaounde|-|Q1009|
CAN|Canada|-|Canadian|Ottawa|-|Q16|G
CAF|Central African Republic|CAR|Central African|Bangui|-|-|
TCD|Chad|-|Chadian|N'Djamena|-|-|
CHL|Chile|-|Chilean|Santiago|-|Q298|
CHN|China|PRC;P.R.C.;Mainland China;Red China|Chinese|Beijing;Peking;Zhongnanhai|-|Q148|
COL|Colombia|-|Colombian|Bogotá;Bogota|-|Q739|
COM|Comoros|-|Comorian|Moroni|-|-|
COG|Republic of the Congo|Congo-Brazzaville|Congolese|Brazzaville|Republic of the Congo|-|
COD|Democratic Republic of the Congo|DR Congo;DRC;D.R.C.;Congo-Kinshasa;Zaire|-|Kinshasa|Democratic Republic of the Congo|Q974|
CRI|Costa Rica|-|Costa Rican|San José;San Jose|-|Q800|
CIV|Ivory Coast|Côte d'Ivoire;Cote d'Ivoire|Ivorian|Yamoussoukro;Abidjan|Ivory Coast|-|
HRV|Croatia|-|Croatian;Croat;Croats|Zagreb|-|Q224|G
CUB|Cuba|-|Cuban|Havana|-|Q241|
CYP|Cyprus|-|Cypriot|Nicosia|-|Q229|
CZE|Czech Republic|Czechia|Czech;Czechs|Prague|Czech Republic|Q213|G
DNK|Denmark|-|Danish;Dane;Danes|Copenhagen|-|Q35|G
DJI|Djibouti|-|Djiboutian|Djibouti City|-|-|
DMA|Dominica|-|Dominican|Roseau|-|-|G
DOM|Dominican Republic|-|-|Santo Domingo|-|Q786|
ECU|Ecuador|-|Ecuadorian;Ecuadorean|Quito|-|Q736|
EGY|Egypt|-|Egyptian|Cairo|-|Q79|
SLV|El Salvador|-|Salvadoran;Salvadorean|San Salvador|-|Q792|
GNQ|Equatorial Guinea|-|Equatoguinean|Malabo|-|-|
ERI|Eritrea|-|Eritrean|Asmara|-|Q986|
EST|Estonia|-|Estonian|Tallinn|-|Q191|G
SWZ|Eswatini|Swaziland|Swazi|Mbabane|-|-|
ETH|Ethiopia|-|Ethiopian|Addis Ababa|-|Q115|G
FJI|Fiji|-|Fijian|Suva|-|-|G
FIN|Finland|-|Finnish;Finn;Finns|Helsinki|-|Q33|
FRA|France|-|French;Frenchman;Frenchmen|Paris;Élysée Palace;Elysee Palace;the Élysée;the Elysee|-|Q142|
GAB|Gabon|-|Gabonese|Libreville|-|-|
GMB|Gambia|The Gambia|Gambian|Banjul|The Gambia|-|
GEO|Georgia|-|Georgian;Georgians|Tbilisi|Georgia (country)|Q230|G
DEU|Germany|West Germany;Federal Republic of Germany|German;Germans;West German|Berlin;Bonn|-|Q183|G
GHA|Ghana|-|Ghanaian|Accra|-|Q117|
GRC|Greece|-|Greek;Greeks|Athens|-|Q41|G
GRD|Grenada|-|Grenadian|St. George's;Saint George's|-|-|G
GTM|Guatemala|-|Guatemalan|Guatemala City|-|Q774|
GIN|Guinea|Guinea-Conakry|Guinean|Conakry|-|-|
GNB|Guinea-Bissau|-|Bissau-Guinean|Bissau|-|-|
GUY|Guyana|-|Guyanese|Georgetown|-|-|
HTI|Haiti|-|Haitian|Port-au-Prince|-|Q790|
VAT|Vatican City|Holy See;the Vatican;Vatican|-|Vatican City|Vatican City|Q237|
HND|Honduras|-|Honduran|Tegucigalpa|-|Q783|
HUN|Hungary|-|Hungarian|Budapest|-|Q28|G
ISL|Iceland|-|Icelandic;Icelander|Reykjavík;Reykjavik|-|Q189|G
IND|India|Bharat|Indian|New Delhi|-|Q668|G
IDN|Indonesia|-|Indonesian|Jakarta|-|Q252|
IRN|Iran|Persia;Islamic Republic of Iran|Iranian;Persian|Tehran;Teheran|-|Q794|
IRQ|Iraq|-|Iraqi|Baghdad|-|Q796|G
IRL|Ireland|Republic of Ireland;Eire|Irish;Irishman|Dublin|Republic of Ireland|Q27|G
ISR|Israel|-|Israeli|Jerusalem|-|Q801|G
ITA|Italy|-|Italian|Rome|-|Q38|G
JAM|Jamaica|-|Jamaican|Kingston|-|Q766|G
JPN|Japan|Nippon|Japanese|Tokyo|-|Q17|G
JOR|Jordan|-|Jordanian|Amman|-|Q810|
KAZ|Kazakhstan|-|Kazakh;Kazakhstani|Astana;Nur-Sultan|-|Q232|
KEN|Kenya|-|Kenyan|Nairobi|-|Q114|
KIR|Kiribati|-|I-Kiribati|South Tarawa|-|-|
PRK|North Korea|DPRK;D.P.R.K.|North Korean|Pyongyang|-|Q423|
KOR|South Korea|ROK;R.O.K.;Republic of Korea|South Korean|Seoul;Blue House;Cheong Wa Dae|-|Q884|
KWT|Kuwait|-|Kuwaiti|Kuwait City|-|Q817|
KGZ|Kyrgyzstan|Kirghizia;Kyrgyz Republic|Kyrgyz;Kyrgyzstani|Bishkek|-|Q813|
LAO|Laos|Lao PDR|Laotian;Lao|Vientiane|-|Q819|
LVA|Latvia|-|Latvian|Riga|-|Q211|G
LBN|Lebanon|-|Lebanese|Beirut|-|Q822|
LSO|Lesotho|-|Basotho;Mosotho|Maseru|-|-|G
LBR|Liberia|-|Liberian|Monrovia|-|Q1014|
LBY|Libya|-|Libyan|Tripoli|-|Q1016|
LIE|Liechtenstein|-|Liechtensteiner|Vaduz|-|-|G
LTU|Lithuania|-|Lithuanian|Vilnius|-|Q37|
LUX|Luxembourg|-|Luxembourger;Luxembourgish|Luxembourg City|-|Q32|G
MDG|Madagascar|-|Malagasy|Antananarivo|-|-|
MWI|Malawi|-|Malawian|Lilongwe|-|-|
MYS|Malaysia|-|Malaysian|Kuala Lumpur;Putrajaya|-|Q833|G
MDV|Maldives|-|Maldivian|Malé|-|-|
MLI|Mali|-|Malian|Bamako|-|Q912|
MLT|Malta|-|Maltese|Valletta|-|Q233|G
MHL|Marshall Islands|-|Marshallese|Majuro|-|-|
MRT|Mauritania|-|Mauritanian|Nouakchott|-|-|
MUS|Mauritius|-|Mauritian|Port Louis|-|-|G
MEX|Mexico|-|Mexican|Mexico City|-|Q96|
FSM|Micronesia|Federated States of Micronesia|Micronesian|Palikir|Federated States of Micronesia|-|
MDA|Moldova|-|Moldovan|Chișinău;Chisinau|-|Q217|
MCO|Monaco|-|Monegasque|Monaco|-|-|
MNG|Mongolia|-|Mongolian|Ulaanbaatar;Ulan Bator|-|Q711|
MNE|Montenegro|-|Montenegrin|Podgorica|-|Q236|G
MAR|Morocco|-|Moroccan|Rabat|-|Q1028|
MOZ|Mozambique|-|Mozambican|Maputo|-|-|
MMR|Myanmar|Burma|Burmese|Naypyidaw;Nay Pyi Taw|-|Q836|
NAM|Namibia|-|Namibian|Windhoek|-|-|
NRU|Nauru|-|Nauruan|Yaren|-|-|
NPL|Nepal|-|Nepali;Nepalese|Kathmandu|-|Q837|G
NLD|Netherlands|Holland;The Netherlands|Dutch;Dutchman|Amsterdam;The Hague|-|Q55|G
NZL|New Zealand|-|New Zealander;Kiwi|Wellington|-|Q664|G
NIC|Nicaragua|-|Nicaraguan|Managua|-|Q811|
NER|Niger|-|Nigerien|Niamey|-|-|
NGA|Nigeria|-|Nigerian|Abuja|-|Q1033|
MKD|North Macedonia|Macedonia;FYROM|Macedonian|Skopje|-|Q221|G
NOR|Norway|-|Norwegian|Oslo|-|Q20|G
OMN|Oman|-|Omani|Muscat|-|Q842|
PAK|Pakistan|-|Pakistani|Islamabad|-|Q843|G
PLW|Palau|-|Palauan|Ngerulmud|-|-|
PSE|Palestine|State of Palestine;Palestinian territories|Palestinian|Ramallah|State of Palestine|-|
PAN|Panama|-|Panamanian|Panama City|-|Q804|
PNG|Papua New Guinea|PNG|Papua New Guinean|Port Moresby|-|-|G
PRY|Paraguay|-|Paraguayan|Asunción;Asuncion|-|Q733|
PER|Peru|-|Peruvian|Lima|-|Q419|
PHL|Philippines|The Philippines|Filipino;Philippine|Manila|-|Q928|
POL|Poland|-|Polish;Pole;Poles|Warsaw|-|Q36|G
PRT|Portugal|-|Portuguese|Lisbon|-|Q45|G
QAT|Qatar|-|Qatari|Doha|-|Q846|
ROU|Romania|Rumania|Romanian|Bucharest|-|Q218|
RUS|Russia|Russian Federation|Russian|Moscow|-|Q159|
RWA|Rwanda|-|Rwandan|Kigali|-|Q1037|
KNA|Saint Kitts and Nevis|St Kitts and Nevis|Kittitian|Basseterre|-|-|G
LCA|Saint Lucia|St Lucia|Saint Lucian|Castries|-|-|G
VCT|Saint Vincent and the Grenadines|St Vincent and the Grenadines|Vincentian|Kingstown|-|-|G
WSM|Samoa|-|Samoan|Apia|-|-|G
SMR|San Marino|-|Sammarinese|City of San Marino|-|-|
STP|São Tomé and Príncipe|Sao Tome and Principe|Santomean|São Tomé;Sao Tome|São Tomé and Príncipe|-|
SAU|Saudi Arabia|KSA|Saudi;Saudis;Saudi Arabian|Riyadh|-|Q851|
SEN|Senegal|-|Senegalese|Dakar|-|Q1041|
SRB|Serbia|-|Serbian;Serb;Serbs|Belgrade|-|Q403|G
SYC|Seychelles|-|Seychellois|Victoria|-|-|
SLE|Sierra Leone|-|Sierra Leonean|Freetown|-|-|
SGP|Singapore|-|Singaporean|-|-|Q334|G
SVK|Slovakia|Slovak Republic|Slovak;Slovakian|Bratislava|-|Q214|G
SVN|Slovenia|-|Slovenian;Slovene|Ljubljana|-|Q215|G
SLB|Solomon Islands|-|Solomon Islander|Honiara|-|-|G
SOM|Somalia|-|Somali|Mogadishu|-|Q1045|
ZAF|South Africa|RSA|South African|Pretoria;Cape Town|-|Q258|
SSD|South Sudan|-|South Sudanese|Juba|-|Q958|
ESP|Spain|-|Spanish;Spaniard;Spaniards|Madrid|-|Q29|G
LKA|Sri Lanka|Ceylon|Sri Lankan|Colombo;Sri Jayawardenepura Kotte|-|Q854|
SDN|Sudan|-|Sudanese|Khartoum|-|Q1049|
SUR|Suriname|Surinam|Surinamese|Paramaribo|-|-|
SWE|Sweden|-|Swedish;Swede;Swedes|Stockholm|-|Q34|G
CHE|Switzerland|-|Swiss|Bern;Berne|-|Q39|
SYR|Syria|Syrian Arab Republic|Syrian|Damascus|-|Q858|
TWN|Taiwan|Republic of China;ROC;Formosa|Taiwanese|Taipei;Taipei City|-|Q865|
TJK|Tajikistan|-|Tajik;Tajikistani|Dushanbe|-|Q863|
TZA|Tanzania|-|Tanzanian|Dodoma;Dar es Salaam|-|Q924|
THA|Thailand|Siam|Thai|Bangkok|-|Q869|G
TLS|East Timor|Timor-Leste|Timorese;East Timorese|Dili|East Timor|-|
TGO|Togo|-|Togolese|Lomé;Lome|-|-|
TON|Tonga|-|Tongan|Nuku'alofa|-|-|G
TTO|Trinidad and Tobago|Trinidad|Trinidadian|Port of Spain|-|-|G
TUN|Tunisia|-|Tunisian|Tunis|-|Q948|
TUR|Turkey|Türkiye;Turkiye|Turkish;Turk;Turks|Ankara|Turkey|Q43|
TKM|Turkmenistan|-|Turkmen|Ashgabat|-|Q874|
TUV|Tuvalu|-|Tuvaluan|Funafuti|-|-|G
UGA|Uganda|-|Ugandan|Kampala|-|Q1036|
UKR|Ukraine|the Ukraine|Ukrainian|Kyiv;Kiev;Bankova|-|Q212|
ARE|United Arab Emirates|UAE;U.A.E.;the Emirates|Emirati|Abu Dhabi|-|Q878|
GBR|United Kingdom|UK;U.K.;Britain;Great Britain|British;Briton;Britons;Brit;Brits|London;Downing Street;Number 10;No 10;Whitehall|-|Q145|G
USA|United States|US;U.S.;USA;U.S.A.;America;United States of America;the States|American|Washington, D.C.;Washington;Washington DC;White House|-|Q30|
URY|Uruguay|-|Uruguayan|Montevideo|-|Q77|
UZB|Uzbekistan|-|Uzbek;Uzbekistani|Tashkent|-|Q265|
VUT|Vanuatu|-|Ni-Vanuatu|Port Vila|-|-|G
VEN|Venezuela|-|Venezuelan|Caracas|-|Q717|
VNM|Vietnam|Viet Nam|Vietnamese|Hanoi|-|Q881|
YEM|Yemen|-|Yemeni|Sanaa;Sana'a|-|Q805|
ZMB|Zambia|-|Zambian|Lusaka|-|Q953|
ZWE|Zimbabwe|-|Zimbabwean|Harare|-|Q954|
HKG|Hong Kong|HK|Hongkonger;Hong Konger|-|-|Q8646|
MAC|Macau|Macao|Macanese|-|Macau|-|
PRI|Puerto Rico|-|Puerto Rican|San Juan|-|-|
GRL|Greenland|-|Greenlandic;Greenlander|Nuuk|-|-|
ESH|Western Sahara|-|Sahrawi|-|-|-|
FLK|Falkland Islands|Falklands;Malvinas|Falkland Islander|Stanley|-|-|
GIB|Gibraltar|-|Gibraltarian|-|-|-|
"""

# Capitals that are also common words or given names: matched only where the NER agrees.
WEAK = {"Victoria", "Sofia", "Male", "Malé", "Kingston", "Georgetown", "Santiago", "Lima",
        "Nassau", "Stanley", "Juba", "Praia", "Monaco", "Luxembourg City",
        "Bern", "Berne", "Colombo", "Washington", "Number 10", "No 10", "Bonn", "Chad",
        "Jordan", "Georgia", "Guinea", "Niger", "Turkey", "Dominica", "Kiwi", "Pole", "Poles",
        "Swede", "Dane", "Finn", "Turk", "Lao", "Brit", "Brits", "Persian", "Dutchman",
        "Frenchman", "the States"}
# Seats of government that are not the capital city: organisations of the government sector.
SEATS_WITHOUT_CITY = {"Zhongnanhai", "Blue House", "Cheong Wa Dae", "Élysée Palace",
                      "Elysee Palace", "the Élysée", "the Elysee", "Downing Street",
                      "Number 10", "No 10", "Whitehall", "White House", "Bankova"}
# Capitals whose Wikipedia article is not the bare name.
CAPITAL_WIKI = {"Washington, D.C.": "Washington, D.C.", "Victoria": "Victoria, Seychelles",
                "Kingston": "Kingston, Jamaica", "Georgetown": "Georgetown, Guyana",
                "San José": "San José, Costa Rica", "Santiago": "Santiago",
                "St. John's": "St. John's, Antigua and Barbuda", "Stanley": "Stanley, Falkland Islands",
                "San Juan": "San Juan, Puerto Rico", "Tripoli": "Tripoli, Libya",
                "La Paz": "La Paz", "Panama City": "Panama City", "Kuwait City": "Kuwait City",
                "Mexico City": "Mexico City", "Guatemala City": "Guatemala City"}
CAPITAL_WIKIDATA = {"Moscow": "Q649", "Beijing": "Q956", "London": "Q84", "Paris": "Q90",
                    "Berlin": "Q64", "Tokyo": "Q1490", "Seoul": "Q8684", "Pyongyang": "Q18808",
                    "Washington, D.C.": "Q61", "Kyiv": "Q1899", "Tehran": "Q3616",
                    "Jerusalem": "Q1218", "Rome": "Q220"}
NOTES = {"ISR": "Jerusalem is the seat of Israel's government; its status is disputed.",
         "USA": "Washington, D.C. is the capital; the White House is the seat of the executive.",
         "DEU": "Bonn was West Germany's seat of government until 1990.",
         "KOR": "The Blue House (Cheong Wa Dae) was the presidential office until 2022."}


def _split(cell: str) -> list[str]:
    return [] if cell.strip() in ("", "-") else [v.strip() for v in cell.split(";") if v.strip()]


def _plurals(demonyms: list[str]) -> list[str]:
    """Adds the plural of demonyms that take one ("Russian" -> "Russians")."""
    out = list(demonyms)
    for d in demonyms:
        if d.endswith(("an", "i", "o")) and not d.endswith(("ese", "ish", "ch")):
            plural = d + "s"
            if plural not in out:
                out.append(plural)
    return out


def build() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The entries of countries.yaml and capitals.yaml."""
    import pycountry

    from newsgraph.actors.normalize import slug

    rows = {}
    for line in TABLE.strip().splitlines():
        cells = [c.strip() for c in line.split("|")]
        cells += [""] * (8 - len(cells))
        rows[cells[0]] = cells
    countries: list[dict[str, Any]] = []
    capitals: list[dict[str, Any]] = []
    for country in sorted(pycountry.countries, key=lambda c: c.alpha_3):
        code = country.alpha_3
        row = rows.get(code)
        formal = [country.name, getattr(country, "official_name", None),
                  getattr(country, "common_name", None)]
        short = row[1] if row else (getattr(country, "common_name", None) or country.name)
        aliases = [a for a in dict.fromkeys([*formal, *(_split(row[2]) if row else [])])
                   if a and a != short and "," not in a]
        entry: dict[str, Any] = {"id": code, "name": short, "kind": "country", "country": code}
        if row and row[6] not in ("", "-"):
            entry["wikidata"] = row[6]
        entry["wikipedia"] = row[5] if row and row[5] not in ("", "-") else short
        weak = [a for a in aliases if a in WEAK]
        strong = [a for a in aliases if a not in WEAK]
        if strong:
            entry["aliases"] = strong
        if short in WEAK:
            weak.append(short)
        demonyms = _plurals(_split(row[3])) if row else []
        if [d for d in demonyms if d not in WEAK]:
            entry["demonyms"] = [d for d in demonyms if d not in WEAK]
        weak += [d for d in demonyms if d in WEAK]
        if weak:
            entry["weak_aliases"] = weak
        if row and row[7] == "G":
            entry["leader"] = "head_of_government"
        if code in NOTES:
            entry["note"] = NOTES[code]
        countries.append(entry)
        names = _split(row[4]) if row else []
        city = [n for n in names if n not in SEATS_WITHOUT_CITY]
        seats = [n for n in names if n in SEATS_WITHOUT_CITY]
        if city:
            main, *others = city
            capital: dict[str, Any] = {"id": slug(main), "name": main, "kind": "place",
                                       "country": code, "seat_of": code}
            if main in CAPITAL_WIKIDATA:
                capital["wikidata"] = CAPITAL_WIKIDATA[main]
            capital["wikipedia"] = CAPITAL_WIKI.get(main, main)
            strong_others = [o for o in others if o not in WEAK and slug(o) != slug(main)]
            # A second capital (La Paz / Sucre, Pretoria / Cape Town) is its own place.
            same_city = [o for o in strong_others if _same_city(main, o)]
            if same_city:
                capital["aliases"] = same_city
            weak_others = [o for o in others if o in WEAK]
            if main in WEAK:
                weak_others.append(main)
            if weak_others:
                capital["weak_aliases"] = weak_others
            capitals.append(capital)
            for other in strong_others + weak_others:
                if _same_city(main, other) or other == main:
                    continue
                second: dict[str, Any] = {"id": slug(other), "name": other, "kind": "place",
                                          "country": code, "seat_of": code,
                                          "wikipedia": CAPITAL_WIKI.get(other, other)}
                if other in WEAK:
                    second["weak_aliases"] = [other]
                capitals.append(second)
        for seat in seats:
            seat_entry: dict[str, Any] = {"id": slug(seat.removeprefix("the ")), "name": seat,
                                          "kind": "organisation", "country": code,
                                          "sector": "GOV", "seat_of": code}
            if seat in WEAK:
                seat_entry["weak_aliases"] = [seat]
            capitals.append(seat_entry)
    return countries, _merge_same_ids(capitals)


# Alternative spellings of one city (rather than a second capital).
_SAME = {("Washington, D.C.", "Washington"), ("Taipei", "Taipei City"), ("Washington, D.C.", "Washington DC"),
         ("Beijing", "Peking"), ("Kyiv", "Kiev"), ("Brasília", "Brasilia"),
         ("Tehran", "Teheran"), ("Astana", "Nur-Sultan"), ("Yaoundé", "Yaounde"),
         ("Bogotá", "Bogota"), ("San José", "San Jose"), ("Reykjavík", "Reykjavik"),
         ("Chișinău", "Chisinau"), ("Ulaanbaatar", "Ulan Bator"), ("Naypyidaw", "Nay Pyi Taw"),
         ("Asunción", "Asuncion"), ("St. John's", "Saint John's"), ("Lomé", "Lome"),
         ("São Tomé", "Sao Tome"), ("Sanaa", "Sana'a"), ("Bern", "Berne"),
         ("St. George's", "Saint George's"), ("Élysée Palace", "Elysee Palace")}


def _same_city(a: str, b: str) -> bool:
    return (a, b) in _SAME or (b, a) in _SAME


def _merge_same_ids(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Seats listed under two spellings ("Élysée Palace", "the Élysée") become one entry."""
    out: dict[str, dict[str, Any]] = {}
    for entry in entries:
        if entry["id"] in out:
            kept = out[entry["id"]]
            kept.setdefault("aliases", []).append(entry["name"])
        else:
            out[entry["id"]] = entry
    return list(out.values())


HEADER = """# Generated by `python -m newsgraph.actors.gen_countries` from pycountry and the table in
# that script ({what}). Edit the table and regenerate, or override entries in a user KB file.
"""


def main(argv: list[str] | None = None) -> int:
    """Writes the two files next to the other KB files (or into the folder given)."""
    args = argv if argv is not None else sys.argv[1:]
    folder = Path(args[0]) if args else Path(__file__).resolve().parents[1] / "data" / "kb"
    countries, capitals = build()
    for name, entries, what in (
        ("countries.yaml", countries, "ISO 3166-1 countries and territories"),
        ("capitals.yaml", capitals, "capitals and seats of government"),
    ):
        text = srsly.yaml_dumps({"entries": entries}, sort_keys=False)
        (folder / name).write_text(HEADER.format(what=what) + text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
