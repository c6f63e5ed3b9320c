"""The three method articles Dorsi is built on, and the clinical guidelines its triage follows.

The articles are coaching texts (expert opinion). Their title is what a person reads; the
``seed:`` tag is only a code. Guidelines back the safety rules: who to see, and how soon.
"""

from __future__ import annotations

from dorsi.core.evidence.types import Grade, Source, SourceKind

_ARTICLE = "Coaching article (web); author and date not given. One of the three method articles Dorsi's rules are built on."

SEED_000 = Source(
    tag="seed:000_dce03341e02d3671.txt",
    grade=Grade.EXPERT_OPINION,
    kind=SourceKind.METHOD_ARTICLE,
    label="Ankle Mobility: The Hidden Problem Behind Your Squat, Running, and Knee Pain",
    reference=f"Ankle Mobility: The Hidden Problem Behind Your Squat, Running, and Knee Pain. {_ARTICLE}",
    about="Knee-to-wall bands, the three-position test, the 12-week program, heel lifts for squatting.",
)
SEED_001 = Source(
    tag="seed:001_f97393740356f86d.txt",
    grade=Grade.EXPERT_OPINION,
    kind=SourceKind.METHOD_ARTICLE,
    label="Unlock Ankle Mobility for Instant Pain Relief",
    reference=f"Unlock Ankle Mobility for Instant Pain Relief. {_ARTICLE}",
    about="Signs of stiff ankles, lifestyle triggers, warning signs that need a professional, "
    "stopping on sharp or pinching pain, foot-muscle work.",
)
SEED_002 = Source(
    tag="seed:002_26b6f1223667f3ec.txt",
    grade=Grade.EXPERT_OPINION,
    kind=SourceKind.METHOD_ARTICLE,
    label="Improve your Ankle Mobility",
    reference="Improve your Ankle Mobility. Coaching blog post (web), 23 January 2019; author not "
    "given. One of the three method articles Dorsi's rules are built on.",
    about="The half-kneeling test, where the stretch is felt, the half-kneeling lunge family and "
    "soft-tissue drills.",
)

OTTAWA_RULES = Source(
    tag="Ottawa ankle rules",
    grade=Grade.GUIDELINE,
    kind=SourceKind.GUIDELINE,
    label="Ottawa ankle rules (Stiell 1993)",
    reference="Stiell IG, Greenberg GH, McKnight RD, Nair RC, McDowell I, Reardon M, Stewart JP, "
    "Maloney J. Decision rules for the use of radiography in acute ankle injuries: refinement "
    "and prospective validation. JAMA. 1993;269(9):1127-1132.",
    about="After an ankle injury, not managing four steps (or bone tenderness at set points) "
    "calls for an X-ray.",
)
NICE_NG158 = Source(
    tag="NICE NG158",
    grade=Grade.GUIDELINE,
    kind=SourceKind.GUIDELINE,
    label="NICE guideline NG158 (2020)",
    reference="National Institute for Health and Care Excellence. Venous thromboembolic "
    "diseases: diagnosis, management and thrombophilia testing. NICE guideline NG158. London: "
    "NICE; 2020.",
    about="A swollen, warm or painful calf can be a deep-vein clot and needs assessment the same day.",
)
CHIODO_2010 = Source(
    tag="Chiodo 2010",
    grade=Grade.GUIDELINE,
    kind=SourceKind.GUIDELINE,
    label="Chiodo 2010",
    reference="Chiodo CP, Glazebrook M, Bluman EM, et al. Diagnosis and treatment of acute Achilles tendon rupture (American Academy of "
    "Orthopaedic Surgeons clinical practice guideline). J Am Acad Orthop Surg. "
    "2010;18(8):503-510.",
    about="A sudden snap in the calf or heel cord needs a clinical examination for an Achilles "
    "tendon rupture.",
)
COAKLEY_2006 = Source(
    tag="Coakley 2006",
    grade=Grade.GUIDELINE,
    kind=SourceKind.GUIDELINE,
    label="Coakley 2006",
    reference="Coakley G, Mathews C, Field M, Jones A, Kingsley G, Walker D, Phillips M, Bradish "
    "C, McLachlan A, Mohammed R, Weston V. BSR & BHPR, BOA, RCGP and BSAC guidelines for "
    "management of the hot swollen joint in adults. Rheumatology (Oxford). "
    "2006;45(8):1039-1041.",
    about="A hot, swollen joint is a possible joint infection until proven otherwise and needs "
    "urgent medical assessment.",
)
NICE_NG19 = Source(
    tag="NICE NG19",
    grade=Grade.GUIDELINE,
    kind=SourceKind.GUIDELINE,
    label="NICE guideline NG19 (2015)",
    reference="National Institute for Health and Care Excellence. Diabetic foot problems: "
    "prevention and management. NICE guideline NG19. London: NICE; 2015 (updated since).",
    about="A diabetic foot with a wound or lost feeling needs a professional's care; feet are "
    "checked regularly and protected.",
)
DIFIORI_2014 = Source(
    tag="DiFiori 2014",
    grade=Grade.GUIDELINE,
    kind=SourceKind.GUIDELINE,
    label="DiFiori 2014",
    reference="DiFiori JP, Benjamin HJ, Brenner JS, et al. Overuse injuries and burnout in youth sports: a position statement from the American "
    "Medical Society for Sports Medicine. Br J Sports Med. 2014;48(4):287-288.",
    about="Growing athletes get overuse injuries of the growth areas (apophyses) that need a "
    "clinician's assessment.",
)

METHOD_AND_GUIDELINES: tuple[Source, ...] = (
    SEED_000,
    SEED_001,
    SEED_002,
    OTTAWA_RULES,
    NICE_NG158,
    CHIODO_2010,
    COAKLEY_2006,
    NICE_NG19,
    DIFIORI_2014,
)
