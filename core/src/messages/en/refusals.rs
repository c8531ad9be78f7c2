//! The English twins of the sentences the server refuses or explains with: documents, imports and
//! issuing, the rules' refusals of a value, a verification's detail lines. Same names as in
//! [`crate::messages`]; `crate::domain_text!` and `by_lang::verify_problem` pair them.

// The server's refusals about documents, imports and issuing (the twins of the Vietnamese in
// `crate::messages`; the server words its answers in the reader's language).
pub const VERIFY_NOT_PDF: &str = "The file is not a readable PDF.";
pub const YEAR_NOT_APPROVED: &str =
    "The principal has not approved this school year's end yet, so there is no record of the year.";
pub const NO_HOMEROOM_TEACHER: &str = "This year's class has no homeroom teacher to sign the record.";
pub const IMPORT_UNKNOWN_SIGNER: &str = "Not accepted: the record is signed with a certificate the school does not \
     trust yet. Add the former school's root certificate (CA) on the Signing page, after checking its fingerprint \
     with the former school.";
pub const IMPORT_OTHER_PUPIL: &str = "This record is another pupil's: the full name, date of birth or personal \
     identification number does not match the pupil's file.";
pub const IMPORT_OWN_SCHOOL: &str = "This record was issued by this school; it need not be imported.";
pub const IMPORT_NO_YEAR: &str = "The file has no signed school year to import.";
pub const IMPORT_BAD_SIGNATURE_FILE: &str = "The signature file (.p7s, Base64) cannot be read.";
pub const IMPORT_NOT_RECORD: &str =
    "The file is not a signed record (a PDF with the XML inside, or an XML with its .p7s signature file).";
pub const IMPORTED_YEAR_READ_ONLY: &str = "This school year was imported from the former school's signed record and \
     cannot be changed; the original is attached to the handed-over record.";
pub const TRUST_CA_INVALID: &str = "The certificate cannot be read (a CA's PEM file is needed).";
pub const TRUST_CA_NOT_CA: &str = "This certificate is not a certification authority's (CA).";

pub fn import_not_authentic(problem: &str) -> String {
    format!("Not accepted: the record's digital signature is not valid ({problem}).")
}

pub fn import_year_exists(school_year: &str) -> String {
    format!("School year {school_year} is already in the pupil's file.")
}

pub fn import_bad_xml(detail: &str) -> String {
    format!("The XML file does not follow the record's schema: {detail}")
}

pub const NO_APPROVED_YEAR: &str = "The pupil has no school year with an approved year end.";
pub const SIGNATURE_PENDING: &str = "The record waits for a USB token signature (run hocba sign on the computer \
     with the token); the fully signed copy cannot be downloaded yet.";
pub const ALREADY_REVOKED: &str = "This document has been revoked already.";
pub const VERIFY_CODE_INVALID: &str = "A verification code has 12 letters and digits, for example 7KQ2-M9XD-4RTA.";
pub const TIMESTAMP_UNAVAILABLE: &str = "No timestamp could be obtained from the configured timestamp authority \
     (TSA); the record was not signed. Try again later.";
pub const BATCH_EMPTY_CLASS: &str = "This class has no pupils yet.";
pub const BATCH_NOT_FINISHED: &str =
    "The batch of records is not finished; download it when the progress reaches 100%.";
pub const CREDENTIAL_SEAL_ON_TOKEN: &str =
    "The school seal's key is on a USB token, so the server cannot sign digital credentials (Open Badges).";
pub const NOTE_TOO_LONG: &str = "The note is longer than 500 characters.";
pub const UNKNOWN_SUBJECT: &str = "The subject is not in this grade's programme.";

// The rules' refusals of a value (`crate::entry::FieldError`): the twins of the Vietnamese in
// `crate::messages`, worded in the reader's language by the server.
pub const AWARD_ALREADY_GIVEN: &str = "The pupil already has this award this school year.";
pub const AWARD_DATE_INVALID: &str = "The award date is not valid (day/month/year, for example 15/03/2026).";
pub const AWARD_DATE_IN_FUTURE: &str = "The award date cannot be after today.";
pub const AWARD_KIND_INVALID: &str = "The kind of award is not valid.";
pub const AWARD_LEVEL_INVALID: &str =
    "The award level is one of: school, commune, district, province, national, international.";
pub const AWARD_LEVEL_REQUIRED: &str = "Choose the award level.";
pub const AWARD_LEVEL_SCHOOL_ONLY: &str = "The Outstanding pupil and Exemplary pupil certificates are school awards.";
pub const AWARD_TIEU_BIEU_NEEDS_HTT: &str = "The Exemplary pupil award goes only with the result Completed well \
     (a pupil with Completed excellently receives the Outstanding pupil award).";
pub const AWARD_TITLE_REQUIRED: &str = "Write what the award is for (for example: Second prize, handwriting contest).";
pub const AWARD_XUAT_SAC_NEEDS_HTXS: &str =
    "The Outstanding pupil award goes only with the result Completed excellently.";
pub const AWARD_TITLE_TOO_LONG: &str = "The award text is longer than 200 characters.";
pub const AWARD_REASON_TOO_LONG: &str = "The reason for the award is longer than 500 characters.";
pub const COMMENT_BANK_TEXT_REQUIRED: &str = "Write the comment.";
pub const COMMENT_BANK_TEXT_TOO_LONG: &str = "The model comment is longer than 300 characters.";
pub const COMMENT_BANK_UNKNOWN_CODE: &str = "The subject, quality or competence is not in the catalogue.";
pub const COMMENT_TOO_LONG: &str = "The comment is longer than 1000 characters.";
pub const DAYS_ABSENT_OUT_OF_RANGE: &str = "Days absent must be from 0 to 200.";
pub const DAYS_ABSENT_TOTAL_TOO_HIGH: &str = "Days absent with and without leave cannot add up to more than 200.";
pub const DECISION_NOT_NEEDED: &str =
    "The principal decides on moving up or repeating only for a pupil who has not completed the grade's programme.";
pub const DECISION_PROMOTE_GRADE_5: &str = "A grade 5 pupil moves on only after completing primary school; \
     the only decision possible is to repeat the grade.";
pub const MANUAL_NOTE_WITHOUT_RESULT: &str = "Write the basis of assessment only with a result of its own.";
pub const MANUAL_RESULT_NOT_ALLOWED: &str = "Only a pupil with a disability (assessed by the individual education \
     plan) may have a result of their own.";
pub const OPTIONAL_NOT_TAKEN: &str =
    "The pupil does not take this optional subject; mark the pupil as taking it first.";
pub const OVERRIDE_REASON_REQUIRED: &str = "Write why the record is approved although something is missing.";
pub const OVERRIDE_REASON_TOO_LONG: &str = "The reason to approve anyway is longer than 500 characters.";
pub const REPLY_TEXT_REQUIRED: &str = "Write the message to the homeroom teacher.";
pub const REPLY_TEXT_TOO_LONG: &str = "The message is longer than 500 characters.";
pub const SCORE_NOT_TESTED: &str = "This subject has no periodic test at this periodic point.";
pub const SUPPLEMENTARY_NOTE_WITHOUT_RESULT: &str =
    "Write a note on the supplementary assessment only with its result.";
pub const SUPPLEMENTARY_NOT_ALLOWED: &str =
    "Only a pupil whose result is Not completed (CHT) has a supplementary assessment.";
pub const SUPPLEMENTARY_RESULT_INVALID: &str = "The supplementary result is HT or CHT only.";
pub const UNKNOWN_QUALITY: &str = "The quality or competence is not in this grade's catalogue.";
pub const HEIGHT_OUT_OF_RANGE: &str = "Height must be from 50 to 200 cm.";
pub const HEIGHT_TOO_PRECISE: &str = "Height has at most one decimal (for example 132.5).";
pub const WEIGHT_OUT_OF_RANGE: &str = "Weight must be from 10 to 120 kg.";
pub const WEIGHT_TOO_PRECISE: &str = "Weight has at most one decimal (for example 28.5).";
pub const YEAR_RESULT_INVALID: &str = "The result is HTXS, HTT, HT or CHT only.";

// A verification's detail lines (`VerifyReport.problem`, a signature's, an attachment's).
pub const VERIFY_DIGEST_MISMATCH: &str = "The content changed after signing.";
pub const VERIFY_MODIFIED_AFTER: &str = "The document was changed by an update made after this signature.";
pub const VERIFY_UNSIGNED_APPENDIX: &str = "Something was added after the last signature.";
pub const VERIFY_UNKNOWN_ISSUER: &str = "The certificate was not issued by a trusted authority.";
pub const VERIFY_CERT_NOT_VALID: &str = "The certificate was not valid at the time of signing.";
pub const VERIFY_MALFORMED: &str = "The signature cannot be read.";
pub const VERIFY_NO_RECORD: &str = "The file carries no record data (XML) inside.";
pub const VERIFY_ATTACHMENT_OTHER_PUPIL: &str = "An attached yearly record belongs to another pupil.";
pub const VERIFY_ATTACHMENT_OTHER_YEAR: &str = "An attached yearly record is not of one of this record's school years.";
pub const VERIFY_ATTACHMENT_INVALID: &str = "An attached yearly record is not valid.";
pub const VERIFY_ATTACHMENT_REVOKED: &str = "A yearly record attached to this document was revoked by the school: \
     this handed-over copy is no longer valid; ask for a new one.";
pub const VERIFY_ROLE_MISSING: &str = "A responsible person's signature is missing.";
pub const VERIFY_SIGNER_REVOKED: &str =
    "The signer's certificate was revoked by the school before signing: the signature is not valid.";
pub const VERIFY_STATUS_NOT_CHECKED: &str = "The signatures are valid, but whether the document was revoked or \
     replaced could not be checked (it needs the school's --data, or the code on the verification page).";
pub const VERIFY_SUPERSEDED: &str =
    "This document was replaced by a newer one (the record was issued again): use the school's latest copy.";
