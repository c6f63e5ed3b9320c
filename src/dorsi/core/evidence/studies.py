"""Studies behind Dorsi's numbers and exercises, each with its full reference.

``about`` says what Dorsi takes from the study, in the study's own units: degrees stay
degrees (SPEC §1 forbids a fixed degrees-per-centimetre factor).
"""

from __future__ import annotations

from dorsi.core.evidence.types import Grade, Source, SourceKind


def _study(tag: str, reference: str, about: str, *, grade: Grade = Grade.RESEARCH) -> Source:
    return Source(
        tag=tag, grade=grade, kind=SourceKind.STUDY, label=tag, reference=reference, about=about
    )


POWDEN_2015 = _study(
    "Powden 2015",
    "Powden CJ, Hoch JM, Hoch MC. Reliability and minimal detectable change of the "
    "weight-bearing lunge test: a systematic review. Man Ther. 2015;20(4):524-532.",
    "Systematic review: the knee-to-wall (weight-bearing lunge) test is reliable; changes under "
    "about 1.5 cm or 4.5 degrees are within its measurement error.",
)
KONOR_2012 = _study(
    "Konor 2012",
    "Konor MM, Morton S, Eckerson JM, Grindstaff TL. Reliability of three measures of ankle "
    "dorsiflexion range of motion. Int J Sports Phys Ther. 2012;7(3):279-287.",
    "Reliability and minimal detectable change of the lunge test and two other measures.",
)
CHISHOLM_2012 = _study(
    "Chisholm 2012",
    "Chisholm MD, Birmingham TB, Brown J, MacDermid J, Chesworth BM. Reliability and validity "
    "of a weight-bearing measure of ankle dorsiflexion range of motion. Physiother Can. "
    "2012;64(4):347-355.",
    "Reliability of the lunge test, including left-right differences.",
)
HOCH_MCKEON_2011 = _study(
    "Hoch & McKeon 2011",
    "Hoch MC, McKeon PO. Normative range of weight-bearing lunge test performance asymmetry in "
    "healthy adults. Man Ther. 2011;16(5):516-519.",
    "Healthy-adult values of the lunge test and of the left-right difference.",
)
BAUMBACH_2014 = _study(
    "Baumbach 2014",
    "Baumbach SF, Brumann M, Binder J, Mutschler W, Regauer M, Polzer H. The influence of knee "
    "position on ankle dorsiflexion - a biometric study. BMC Musculoskelet Disord. 2014;15:246.",
    "Healthy adults reach a lunge (shin) angle of about 39 degrees, usually 36-42.",
)
BACKMAN_DANIELSON_2011 = _study(
    "Backman & Danielson 2011",
    "Backman LJ, Danielson P. Low range of ankle dorsiflexion predisposes for patellar "
    "tendinopathy in junior elite basketball players: a 1-year prospective study. Am J Sports "
    "Med. 2011;39(12):2626-2633.",
    "Junior basketball players under 36.5 degrees in the lunge developed patellar tendinopathy "
    "more often.",
)
DIGIOVANNI_2002 = _study(
    "DiGiovanni 2002",
    "DiGiovanni CW, Kuo R, Tejwani N, Price R, Hansen ST Jr, Cziernecki J, Sangeorzan BJ. "
    "Isolated gastrocnemius tightness. J Bone Joint Surg Am. 2002;84(6):962-970.",
    "Under 5 degrees of dorsiflexion with the knee straight suggests a tight gastrocnemius.",
)
BAROUK_2014 = _study(
    "Barouk 2014",
    "Barouk P, Barouk LS. Clinical diagnosis of gastrocnemius tightness. Foot Ankle Clin. "
    "2014;19(4):659-667.",
    "A large gain in dorsiflexion when the knee bends points to the gastrocnemius.",
)
RADFORD_2006 = _study(
    "Radford 2006",
    "Radford JA, Burns J, Buchbinder R, Landorf KB, Cook C. Does stretching increase ankle "
    "dorsiflexion range of motion? A systematic review. Br J Sports Med. 2006;40(10):870-875.",
    "Systematic review with meta-analysis: calf stretching gives a small gain of about 2 "
    "degrees of dorsiflexion, measured as an angle (not as a knee-to-wall distance).",
)
RUNNING_META = Source(
    tag="Running risk factors meta-analysis 2022",
    grade=Grade.RESEARCH,
    kind=SourceKind.STUDY,
    label="Meta-analysis of prospective running studies (Sports Medicine - Open, 2022)",
    reference="Biomechanical and musculoskeletal measurements as risk factors for "
    "running-related injury in non-elite runners: a systematic review and meta-analysis of "
    "prospective studies. Sports Med Open. 2022;8:38. doi:10.1186/s40798-022-00416-z.",
    about="Pooled prospective studies of recreational runners (range of motion among the "
    "measures) found no consistent link between such measures and later injury.",
)
ANTHROPOMETRY = _study(
    "Drillis & Contini 1966",
    "Drillis R, Contini R. Body segment parameters. Technical report 1166-03. New York: Office "
    "of Vocational Rehabilitation, Department of Health, Education and Welfare; 1966.",
    "Body-segment lengths as fractions of standing height (shank about 0.246, foot about "
    "0.152 of height), used to estimate the shin angle.",
)
SEN_1968 = Source(
    tag="Theil-Sen estimator",
    grade=Grade.RESEARCH,
    kind=SourceKind.STUDY,
    label="Sen 1968",
    reference="Sen PK. Estimates of the regression coefficient based on Kendall's tau. J Am "
    "Stat Assoc. 1968;63(324):1379-1389.",
    about="The median of pairwise slopes: a rate of change that one odd retest cannot drag.",
)
VICENZINO_2006 = _study(
    "Vicenzino 2006",
    "Vicenzino B, Branjerdporn M, Teys P, Jordan K. Initial changes in posterior talar glide "
    "and dorsiflexion of the ankle after mobilization with movement in individuals with "
    "recurrent ankle sprain. J Orthop Sports Phys Ther. 2006;36(7):464-471.",
    "A therapist-applied mobilisation with movement (a belt and the therapist's hands) "
    "increased weight-bearing dorsiflexion after recurrent sprains; self-mobilisation with a "
    "band was not tested.",
)
TERADA_2013 = _study(
    "Terada 2013",
    "Terada M, Pietrosimone BG, Gribble PA. Therapeutic interventions for increasing ankle "
    "dorsiflexion after ankle sprain: a systematic review. J Athl Train. 2013;48(5):696-709.",
    "Systematic review: joint mobilisation applied by a clinician improves dorsiflexion after "
    "ankle sprain.",
)
ALFREDSON_1998 = _study(
    "Alfredson 1998",
    "Alfredson H, Pietila T, Jonsson P, Lorentzon R. Heavy-load eccentric calf muscle training "
    "for the treatment of chronic Achilles tendinosis. Am J Sports Med. 1998;26(3):360-366.",
    "Slow eccentric calf lowering off a step, 3 x 15 with the knee straight and bent, was "
    "well tolerated and helped chronic Achilles pain.",
)
MCKEON_2008 = _study(
    "McKeon 2008",
    "McKeon PO, Ingersoll CD, Kerrigan DC, Saliba E, Bennett BC, Hertel J. Balance training "
    "improves function and postural control in those with chronic ankle instability. Med Sci "
    "Sports Exerc. 2008;40(10):1810-1819.",
    "A progressive balance program (single-leg stance, hop-to-stabilise, reaching) improved "
    "function and postural control in unstable ankles.",
)
MCKEON_2015 = _study(
    "McKeon 2015",
    "McKeon PO, Hertel J, Bramble D, Davis I. The foot core system: a new paradigm for "
    "understanding intrinsic foot muscle function. Br J Sports Med. 2015;49(5):290.",
    "A conceptual paper on the intrinsic foot muscles and short-foot training.",
    grade=Grade.EXPERT_OPINION,
)
HUPPERETS_2009 = _study(
    "Hupperets 2009",
    "Hupperets MDW, Verhagen EALM, van Mechelen W. Effect of unsupervised home based "
    "proprioceptive training on recurrences of ankle sprain: randomised controlled trial. BMJ. "
    "2009;339:b2684.",
    "Randomised trial: home balance training after a sprain cut the number of repeat sprains.",
)
VUURBERG_2018 = Source(
    tag="Vuurberg 2018",
    grade=Grade.GUIDELINE,
    kind=SourceKind.GUIDELINE,
    label="Vuurberg 2018",
    reference="Vuurberg G, Hoorntje A, Wink LM, et al. Diagnosis, treatment and prevention of "
    "ankle sprains: update of an evidence-based clinical guideline. Br J Sports Med. "
    "2018;52(15):956.",
    about="Clinical guideline on ankle sprains: exercise therapy with balance training after a "
    "sprain and to prevent the next one.",
)
WILKE_2020 = _study(
    "Wilke 2020",
    "Wilke J, Muller AL, Giesche F, Power G, Ahmedi H, Behm DG. Acute effects of foam rolling "
    "on range of motion in healthy adults: a systematic review with multilevel meta-analysis. "
    "Sports Med. 2020;50(2):387-402.",
    "Meta-analysis: foam rolling gives a small, short-lived gain in range of motion.",
)
CHEATHAM_2015 = _study(
    "Cheatham 2015",
    "Cheatham SW, Kolber MJ, Cain M, Lee M. The effects of self-myofascial release using a foam "
    "roll or roller massager on joint range of motion, muscle recovery, and performance: a "
    "systematic review. Int J Sports Phys Ther. 2015;10(6):827-838.",
    "Systematic review: rolling with a foam roller or a roller massager (massage stick) gives "
    "short-term gains in range of motion.",
)
HOCH_STATON_MCKEON_2011 = _study(
    "Hoch, Staton & McKeon 2011",
    "Hoch MC, Staton GS, McKeon PO. Dorsiflexion range of motion significantly influences "
    "dynamic balance. J Sci Med Sport. 2011;14(1):90-92.",
    "Less weight-bearing dorsiflexion went with a shorter forward reach in a balance test.",
)
SHERRINGTON_2019 = _study(
    "Sherrington 2019",
    "Sherrington C, Fairhall NJ, Wallbank GK, et al. Exercise for preventing falls in older "
    "people living in the community. Cochrane Database Syst Rev. 2019;1(1):CD012424.",
    "Cochrane review: exercise programs built mainly on balance and functional training reduce "
    "falls in people aged 60 and over.",
)
ATANDA_2011 = _study(
    "Atanda 2011",
    "Atanda A Jr, Shah SA, O'Brien K. Osteochondrosis: common causes of pain in growing bones. "
    "Am Fam Physician. 2011;83(3):285-291.",
    "Clinical review: knee and heel pain in growing children (Osgood-Schlatter at the knee, "
    "Sever's at the heel) is common and needs other causes ruled out.",
    grade=Grade.EXPERT_OPINION,
)

STUDIES: tuple[Source, ...] = (
    POWDEN_2015,
    KONOR_2012,
    CHISHOLM_2012,
    HOCH_MCKEON_2011,
    BAUMBACH_2014,
    BACKMAN_DANIELSON_2011,
    DIGIOVANNI_2002,
    BAROUK_2014,
    RADFORD_2006,
    RUNNING_META,
    ANTHROPOMETRY,
    SEN_1968,
    VICENZINO_2006,
    TERADA_2013,
    ALFREDSON_1998,
    MCKEON_2008,
    MCKEON_2015,
    HUPPERETS_2009,
    VUURBERG_2018,
    WILKE_2020,
    CHEATHAM_2015,
    HOCH_STATON_MCKEON_2011,
    SHERRINGTON_2019,
    ATANDA_2011,
)
