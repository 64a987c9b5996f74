import Fluent

/// The migrations in the order they run. Append only: never edit or reorder one that has landed.
enum KnooppuntMigrations {
    static let all: [any Migration] = [
        M0001_CreateJournal(),
        M0002_CreateReferenceTables(),
        M0003_LoadReferenceData(),
        M0004_CreateAccounts(),
        M0005_CreatePicture(),
        M0006_CreateIncidentJournal(),
        M0007_CreateRecordsAndConflicts(),
        M0008_CreatePartnerRegistry(),
        M0009_EntryAccess(),
        M0010_TemporaryAccounts(),
        M0011_CreatePartnerAlerts(),
        M0012_EntryExternalID(),
        M0013_CreatePlots(),
        M0014_CreateLayers(),
        M0015_CreateWarnings(),
        M0016_CreateSitRaps(),
        M0017_CreatePublicWarnings(),
        M0018_CreateFederation(),
        M0019_CreateOutbox(),
        M0020_CreateNationalPicture(),
        M0021_CreateAdvisories(),
        M0022_CreateNationalDetails(),
        M0023_CreateCapacity(),
        M0024_CreateNationalCapacity(),
        M0025_CreateLoginFailures(),
        M0026_CreateJournalCheckpoints(),
        M0027_CreateFallbackPictures(),
        M0028_CreateGovernance(),
        M0030_RecordedAuthorityFacts(),
        M0031_CreatePhasesAndIRBT(),
        M0033_CreateAanwijzingen(),
        M0035_CreateAccessRequests(),
    ]
}
