"""The English words that tell a person's name from other capitalised words: titles, roles, places."""

from __future__ import annotations

import re

# Titles written before a name, capitalised: what they precede is a person.
TITLES = frozenset("""President Presidents Prime Minister Ministers Chancellor Mr Mrs Ms Miss Dr Sir Lord
Lady King Queen Prince Princess Pope Cardinal Rev Reverend Senator Sen Rep Representative Gov Governor
General Gen Colonel Col Major Maj Lieutenant Lt Captain Capt Judge Justice Ambassador Envoy Secretary
Spokesman Spokeswoman Chairman Chairwoman Chief Commander Premier Mayor Sheikh Ayatollah Archbishop
Bishop Father Speaker Dame Deputy Vice Foreign Defence Defense Finance Interior Economy Trade Justice
Health Home State Special Acting Former Ex Minister Crown Emir Sultan Sheik Rabbi Imam Mufti
Marshal Admiral Sergeant Sgt Inspector Detective Superintendent Professor Prof Councillor Chancellor
Opposition Party Leader Coach Manager Director Patriarch Metropolitan Brother Sister Mother Senior
Executive Officer Attorney Counsel Consul Commissioner Assistant Associate Under First Second Democrat
Republican Co-Premier Co-Premiers Chairman Administrator Treasurer Sheriff Constable Trooper Quarterback
Goalkeeper Striker Midfielder Defender Linebacker Pitcher Receiver Cornerback""".split())
# Lower-case roles before a name: "spokesman Dmitry Peskov", "dissident Wang Donghai".
ROLES = frozenset("""spokesman spokeswoman spokesperson envoy dissident leader minister president premier
chairman chairwoman chief editor novelist writer author poet analyst economist lawyer judge official
director manager coach ambassador diplomat governor mayor senator deputy secretary negotiator mediator
commander general colonel officer activist campaigner founder owner adviser advisor aide candidate
husband wife son daughter brother sister father mother widow son-in-law daughter-in-law rival
archbishop bishop cardinal priest cleric correspondent reporter journalist spokesmen chancellor
prosecutor attorney businessman businesswoman tycoon billionaire financier banker actress actor
singer director-general president-elect counterpart successor predecessor colleague broker trader analyst strategist economist""".split())
# A run holding one of these names an organisation, a place, an event or a thing.
NOT_PERSON = frozenset("""Inc Corp Corporation Co Ltd Plc PLC AG SA NV GmbH Group Bank Banks Party Club Cup
University College School Institute Council Committee Commission Ministry Department Agency
Association Union Federation League Board Court Church Army Forces Force Police Airlines Airways
Motors Industries Holdings Fund Foundation Organisation Organization Office House Palace Street
Avenue Square Hospital Hotel Airport Station Festival Prize Award Games Championship Championships
Open Tour News Times Post Journal Herald Telegraph Tribune Daily Gazette Radio Television TV
Exchange Market Markets Index Reserve Treasury Congress Senate Parliament Assembly Government
Administration Authority Service Services Network Systems Technologies Energy Oil Gas Petroleum
Chemical Steel Mining Resources Capital Securities Partners Trust Insurance Financial
Communications Electric Island Islands River Mountains Lake Sea Ocean Gulf Bay Valley States
Republic Kingdom Province County City Region Territory Coast Democrats Republicans Brigade Front
Movement Alliance Coalition Conference Summit Forum Agreement Accord Treaty Act Plan Bureau Centre
Center Museum Library Theatre Stadium Park Bridge Road Mosque Temple Cathedral Club Clubs World
Rotary Stock Stocks Futures Bonds Motor Airline Press Media Channel Corps Guard Guards Navy
Command Institute Capitol Hall Medical Health Pharmaceutical Fed Church Diocese Embassy Consulate Mission Tribunal Prison
Zone Strip Bank Peninsula Square Summit Olympics Olympic Grand Prix Airport Port Foods Pharmaceuticals
Laboratories Labs Bancorp Financial Associates Brothers Bros Enterprises Technology Software
Airport Pictures Records Studios Entertainment Publishing Magazine Review Weekly Monthly
Express Mail Journal Agency Bureau Company Companies Ministries Departments Council Parties
Liberals Conservatives Socialists Communists Greens Labour Labor Tories Day Week Year War Revolution
Crisis Affair Doctrine Prize Award Trophy Series Bowl Marathon Rally Empire Dynasty Kingdom
Province Oblast Krai Republic Federation Emirates Arabia Africa America Asia Europe Wall Cross Hole Fields
Commerce Municipal Latin Dow Images""".split())
# Capitalised words that start a sentence or a headline and never a name.
FUNCTION = frozenset("""The A An In On At For From With By Of And But Or As After Before Since Until
If When While Where Why How What Who Which That This These Those There Here It Its He She They We
You I His Her Their Our My Your Not No Yes All Some Many Most Both Each Every Other Another Such Only
Also Even Just Still Yet Then Than So Because Although Though However Meanwhile Moreover According
Citing Asked Speaking Under Over Into Onto Upon About Against Between Among Through During Without
Within Despite Across Along Around Behind Beyond Near Off Out Up Down To Do Does Did Has Have Had Is
Are Was Were Be Been Being Will Would Shall Should Can Could May Might Must Last Next First
Second Third One Two Three Four Five Six Seven Eight Nine Ten Mr. Mrs. Ms. Dr. St. Sen. Gov. Rep.
Gen. Col. Lt. Capt. Prof. Rev. Jr Jr. Sr Sr. Monday Tuesday Wednesday Thursday Friday Saturday
Sunday January February March April June July August September October November December Jan Feb
Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Reuters AP AFP Interfax Itar-Tass TASS Xinhua Kremlin
Western Eastern Northern Southern East West North South Central Middle Upper Lower Greater
Federal National International Global Royal Imperial Islamic Moslem Muslim Christian Catholic
Orthodox Protestant Jewish Arab Arabic Shi'ite Sunni Kurdish Kurds Serb Serbs Croat Croats
Israeli Israelis Palestinian Palestinians Please Police Officials Government Sources Analysts
Traders Dealers Officials Shares Prices Total Net Pct Percent Inc Corp God Allah Internet Web""".split())
# Places the gazetteer writes otherwise or leaves out (parts of countries, older names).
PLACES = frozenset("""England Scotland Wales Ulster Bosnia Burma Chechnya Kosovo Tibet Palestine Gaza Crimea
Donbas Kurdistan Siberia Caucasus Balkans Flanders Wallonia Bavaria Catalonia Corsica Sicily
Sardinia Rangoon Bombay Calcutta Madras Peking Saigon Zaire Rhodesia Yugoslavia Holland
Hong Kong Macau Taiwan Europe Asia Africa America""".split())
# Nationality and other adjectives that stand before a title ("French President ...").
DEMONYM = re.compile(r"^(?:[A-Z][a-z]+(?:ian|ean|ese|ish|ch)|(?:Ameri|Mexi|Domini|Puerto Ri|Jamai|Moroc|Afri)can"
                      r"|(?:Cub|Kore|Chile|Venezuel|Keny|Ugand|Tanzani|Rwand|Sud|Afgh)an|Iraqi|Israeli|Pakistani"
                      r"|Kuwaiti|Saudi|Omani|Yemeni|Bangladeshi|Azeri|Qatari|Somali|Nepali|Bahraini|Emirati|Thai"
                      r"|Burundi|Arab|Asian|Slav|Turk|Pole|Swede|Finn|Dane|Scot|Greek|Czech|Arabic)s?$")
SPEECH = frozenset("said says told added stated declared warned insisted argued explained noted wrote "
                    "urged asked announced replied quoted joked recalled confirmed denied admitted claimed complained "
                    "predicted promised suggested agreed commented estimated testified".split())
# Lower-case nouns of things and places: a run right after one names it ("the aircraft carrier
# Carl Vinson", "the town of Chatelet"), never a person.
THINGS_BEFORE = frozenset("""carrier ship vessel tanker warship frigate destroyer submarine yacht ferry newspaper
daily weekly tabloid magazine broadcaster channel airline album film movie novel book song show series
programme program app game browser device phone laptop spacecraft probe rover telescope satellite rocket
hurricane storm typhoon cyclone planet moon asteroid comet galaxy town city village county district
province region suburb island river lake mount port capital street""".split())
# Lower-case nouns that, right after a run, make it a thing's or a place's name
# ("Charles de Gaulle airport", "Zycie Warszawy daily").
THINGS_AFTER = frozenset("""airport daily newspaper weekly magazine shares stock plant unit subsidiary province
region city district county street avenue river island brand model app browser smartphone laptop
tablet console airline""".split())
# The forms of a company's name: "Jeans Mate Corp" is Jeans Mate, a firm, wherever the story names it.
COMPANY_FORMS = frozenset("Corp Corporation Inc Ltd Co Plc PLC AG SA NV GmbH LLC Bancorp Holdings".split())
# Words before a credit's name, with a colon or "by" between: "Photo: Jo Doe", "Photograph by Jo Doe".
CREDITED = frozenset("photo photos photograph photographs picture pictures image images illustration video credit "
                     "courtesy".split())
# Words of TITLES that only open a title ("Foreign Minister"): after one alone the run names no one.
TITLE_PARTS = frozenset("""Foreign Defence Defense Finance Interior Economy Trade Justice Health Home State Special
Acting Former Ex Deputy Vice Under First Second Senior Executive Assistant Associate Opposition Party Democrat
Republican Crown""".split())
