import Foundation

extension JournalKind {
    /// The payload type events of this kind are written and read as.
    public var payloadType: any JournalEvent.Type {
        switch self {
        case .aanwijzingAcknowledged: AanwijzingAcknowledged.self
        case .aanwijzingGiven: AanwijzingGiven.self
        case .aanwijzingReceived: AanwijzingReceived.self
        case .aanwijzingWithdrawn: AanwijzingWithdrawn.self
        case .accessBreakGlass: AccessBreakGlass.self
        case .accessChanged: AccessChanged.self
        case .accessGranted: AccessGranted.self
        case .accessLayerBreakGlass: AccessLayerBreakGlass.self
        case .accessRequestDecided: AccessRequestDecided.self
        case .accessRequested: AccessRequested.self
        case .accessRevoked: AccessRevoked.self
        case .accessTemporaryAccount: AccessTemporaryAccount.self
        case .accountUnlocked: AccountUnlocked.self
        case .actionCreated: ActionCreated.self
        case .actionUpdated: ActionUpdated.self
        case .advisoryAcknowledged: AdvisoryAcknowledged.self
        case .advisorySent: AdvisorySent.self
        case .alertAcknowledged: AlertAcknowledged.self
        case .alertEscalated: AlertEscalated.self
        case .alertRaised: AlertRaised.self
        case .assistanceClosed: AssistanceClosed.self
        case .assistanceCommitted: AssistanceCommitted.self
        case .assistanceDeclined: AssistanceDeclined.self
        case .assistanceDeployed: AssistanceDeployed.self
        case .assistanceDrafted: AssistanceDrafted.self
        case .assistanceOfferConfirmed: AssistanceOfferConfirmed.self
        case .assistanceOfferDeclined: AssistanceOfferDeclined.self
        case .assistanceOfferWithdrawn: AssistanceOfferWithdrawn.self
        case .assistanceOffered: AssistanceOffered.self
        case .assistanceProposed: AssistanceProposed.self
        case .assistanceReleased: AssistanceReleased.self
        case .assistanceRequested: AssistanceRequested.self
        case .assistanceRmReceived: AssistanceRmReceived.self
        case .assistanceWithdrawn: AssistanceWithdrawn.self
        case .auditConfidentialRead: AuditConfidentialRead.self
        case .capacityAdded: CapacityAdded.self
        case .capacityAllocationDecided: CapacityAllocationDecided.self
        case .capacityChanged: CapacityChanged.self
        case .capacityImported: CapacityImported.self
        case .capacityRemoved: CapacityRemoved.self
        case .capacityTypeAdded: CapacityTypeAdded.self
        case .conflictMarked: ConflictMarked.self
        case .conflictResolved: ConflictResolved.self
        case .consultationRecorded: ConsultationRecorded.self
        case .decisionCreated: DecisionCreated.self
        case .decisionUpdated: DecisionUpdated.self
        case .decisionPointRaised: DecisionPointRaised.self
        case .decisionPointUpdated: DecisionPointUpdated.self
        case .summaryCreated: SummaryCreated.self
        case .summaryUpdated: SummaryUpdated.self
        case .entryAcknowledged: EntryAcknowledged.self
        case .entryAdmission: EntryAdmission.self
        case .entryCreated: EntryCreated.self
        case .entrySharedNationally: EntrySharedNationally.self
        case .entryUnsharedNationally: EntryUnsharedNationally.self
        case .entryUpdated: EntryUpdated.self
        case .entryVerification: EntryVerification.self
        case .fallbackRead: FallbackRead.self
        case .fallbackRefused: FallbackRefused.self
        case .federationDetailRead: FederationDetailRead.self
        case .federationQueued: FederationQueued.self
        case .federationReceived: FederationReceived.self
        case .federationRefusalsSummarised: FederationRefusalsSummarised.self
        case .federationRefused: FederationRefused.self
        case .federationRenumbered: FederationRenumbered.self
        case .incidentAuthorityExercised: IncidentAuthorityExercised.self
        case .incidentCreated: IncidentCreated.self
        case .incidentReviewed: IncidentReviewed.self
        case .incidentUpdated: IncidentUpdated.self
        case .irbtAlignmentRecorded: IRBTAlignmentRecorded.self
        case .irbtCoordinatorChanged: IRBTCoordinatorChanged.self
        case .irbtDecisionRecorded: IRBTDecisionRecorded.self
        case .irbtFormed: IRBTFormed.self
        case .layerDeleted: LayerDeleted.self
        case .layerReplaced: LayerReplaced.self
        case .layerUploaded: LayerUploaded.self
        case .nationalGroupingChanged: NationalGroupingChanged.self
        case .nationalGroupingCreated: NationalGroupingCreated.self
        case .nodeInitialised: NodeInitialised.self
        case .nodeTrusted: NodeTrusted.self
        case .officeAssigned: OfficeAssigned.self
        case .officeEnded: OfficeEnded.self
        case .mandateGranted: MandateGranted.self
        case .mandateWithdrawn: MandateWithdrawn.self
        case .proposalDecided: ProposalDecided.self
        case .proposalMade: ProposalMade.self
        case .organisationCreated: OrganisationCreated.self
        case .partnerAdviceGiven: AdviceGiven.self
        case .partnerRegistered: PartnerRegistered.self
        case .partnerStandpointTaken: StandpointTaken.self
        case .partnerUpdated: PartnerUpdated.self
        case .planAttached: PlanAttached.self
        case .planRecorded: PlanRecorded.self
        case .plotCreated: PlotCreated.self
        case .plotRemoved: PlotRemoved.self
        case .plotUpdated: PlotUpdated.self
        case .plotVerification: PlotVerification.self
        case .referenceLoaded: ReferenceLoaded.self
        case .regionPhaseChanged: RegionPhaseChanged.self
        case .riskCommunicationPublished: RiskCommunicationPublished.self
        case .riskEffectAdded: RiskEffectAdded.self
        case .riskMeasurementReceived: RiskMeasurementReceived.self
        case .riskRuleAdded: MonitoringRuleAdded.self
        case .riskSignalAcknowledged: RiskSignalAcknowledged.self
        case .riskSignalRaised: RiskSignalRaised.self
        case .riskEffectAdmitted: RiskEffectAdmitted.self
        case .riskPictureChanged: RiskPictureChanged.self
        case .riskPictureEscalated: RiskPictureEscalated.self
        case .riskPictureOpened: RiskPictureOpened.self
        case .riskProfileImported: RiskProfileImported.self
        case .riskRecorded: RiskRecorded.self
        case .meldkamerMessagesReceived: MeldkamerMessagesReceived.self
        case .meldkamerProposalHandled: MeldkamerProposalHandled.self
        case .meldkamerThemeTakenOver: MeldkamerThemeTakenOver.self
        case .dependencyEdgeRecorded: DependencyEdgeRecorded.self
        case .dependencyModelImported: DependencyModelImported.self
        case .dependencyNodeRecorded: DependencyNodeRecorded.self
        case .dependencyScenarioRecorded: ScenarioRecorded.self
        case .networkMapChanged: NetworkMapChanged.self
        case .riskWithdrawn: RiskWithdrawn.self
        case .sessionClosed: SessionClosed.self
        case .sessionLoginFailed: SessionLoginFailed.self
        case .sessionOpened: SessionOpened.self
        case .sitrapIssued: SitRapIssued.self
        case .sitrapScheduleEnded: SitRapScheduleEnded.self
        case .sitrapScheduleSet: SitRapScheduleSet.self
        case .tokenCreated: TokenCreated.self
        case .tokenRevoked: TokenRevoked.self
        case .userCreated: UserCreated.self
        case .userDisabled: UserDisabled.self
        case .userRoleChanged: UserRoleChanged.self
        case .userPasswordChanged: UserPasswordChanged.self
        case .warningPublished: WarningPublished.self
        case .warningReceived: WarningReceived.self
        }
    }
}

/// A stored payload that cannot be read as its kind's event.
public struct UnreadableJournalEvent: Error, CustomStringConvertible {
    public let sequence: Int64
    public let kind: String
    public let reason: String

    public var description: String { "journal event \(sequence) (\(kind)) cannot be read: \(reason)" }
}

extension JournalRecord {
    /// The stored payload read as its kind's event.
    public func event() throws -> any JournalEvent {
        guard let kind = JournalKind(rawValue: kind) else {
            throw UnreadableJournalEvent(sequence: sequence, kind: self.kind, reason: "the kind is not listed in JournalKind")
        }
        do {
            return try kind.payloadType.decode(payload: payload)
        } catch {
            throw UnreadableJournalEvent(sequence: sequence, kind: self.kind, reason: "\(error)")
        }
    }

    /// The stored payload as `type`, nil when the record is of another kind.
    public func event<Event: JournalEvent>(as type: Event.Type) throws -> Event? {
        guard kind == Event.kind.rawValue else { return nil }
        return try Event.decode(payload: payload)
    }

    /// The payload type of the record's kind, nil for a kind `JournalKind` does not list.
    public var payloadType: (any JournalEvent.Type)? { JournalKind(rawValue: kind)?.payloadType }
}
