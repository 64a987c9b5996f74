/// Every kind of event the journal records, by its stored name. Journal kinds are part of the record
/// (they are hashed into the chain, shown in logbooks and sent as live event names), so a kind is never
/// renamed; a new one is added here, with its payload type (`JournalEvent`) in `payloadType`. Events are
/// appended as those types, so nothing is written under a kind missing here, and the pages learn the
/// names they listen for from this list instead of keeping a copy.
public enum JournalKind: String, CaseIterable, Sendable {
    // aanwijzing (decision 0020)
    case aanwijzingAcknowledged = "aanwijzing.acknowledged"
    case aanwijzingGiven = "aanwijzing.given"
    case aanwijzingReceived = "aanwijzing.received"
    case aanwijzingWithdrawn = "aanwijzing.withdrawn"
    // access
    case accessBreakGlass = "access.break-glass"
    case accessChanged = "access.changed"
    case accessGranted = "access.granted"
    case accessLayerBreakGlass = "access.layer-break-glass"
    case accessRequestDecided = "access.request-decided"
    case accessRequested = "access.requested"
    case accessRevoked = "access.revoked"
    case accessTemporaryAccount = "access.temporary-account"
    // account
    case accountUnlocked = "account.unlocked"
    // action
    case actionCreated = "action.created"
    case actionUpdated = "action.updated"
    // advisory
    case advisoryAcknowledged = "advisory.acknowledged"
    case advisorySent = "advisory.sent"
    // alert
    case alertAcknowledged = "alert.acknowledged"
    case alertEscalated = "alert.escalated"
    case alertRaised = "alert.raised"
    // assistance
    case assistanceClosed = "assistance.closed"
    case assistanceCommitted = "assistance.committed"
    case assistanceDeclined = "assistance.declined"
    case assistanceDeployed = "assistance.deployed"
    case assistanceDrafted = "assistance.drafted"
    case assistanceOfferConfirmed = "assistance.offer-confirmed"
    case assistanceOfferDeclined = "assistance.offer-declined"
    case assistanceOfferWithdrawn = "assistance.offer-withdrawn"
    case assistanceOffered = "assistance.offered"
    case assistanceProposed = "assistance.proposed"
    case assistanceReleased = "assistance.released"
    case assistanceRequested = "assistance.requested"
    case assistanceRmReceived = "assistance.rm-received"
    case assistanceWithdrawn = "assistance.withdrawn"
    // audit
    case auditConfidentialRead = "audit.confidential-read"
    // capacity
    case capacityAdded = "capacity.added"
    case capacityAllocationDecided = "capacity.allocation-decided"
    case capacityChanged = "capacity.changed"
    case capacityImported = "capacity.imported"
    case capacityRemoved = "capacity.removed"
    case capacityTypeAdded = "capacity.type-added"
    // conflict
    case conflictMarked = "conflict.marked"
    case conflictResolved = "conflict.resolved"
    // consultation
    case consultationRecorded = "consultation.recorded"
    // decision
    case decisionCreated = "decision.created"
    case decisionUpdated = "decision.updated"
    // decision point (besluitpunt, decision 0024)
    case decisionPointRaised = "decision-point.raised"
    case decisionPointUpdated = "decision-point.updated"
    // dependency (the dependency model, decision 0032)
    case dependencyEdgeRecorded = "dependency.edge-recorded"
    case dependencyModelImported = "dependency.model-imported"
    case dependencyNodeRecorded = "dependency.node-recorded"
    case dependencyScenarioRecorded = "dependency.scenario-recorded"
    // entry
    case entryAcknowledged = "entry.acknowledged"
    case entryAdmission = "entry.admission"
    case entryCreated = "entry.created"
    case entrySharedNationally = "entry.shared-nationally"
    case entryUnsharedNationally = "entry.unshared-nationally"
    case entryUpdated = "entry.updated"
    case entryVerification = "entry.verification"
    // fallback
    case fallbackRead = "fallback.read"
    case fallbackRefused = "fallback.refused"
    // federation
    case federationDetailRead = "federation.detail-read"
    case federationQueued = "federation.queued"
    case federationReceived = "federation.received"
    case federationRefusalsSummarised = "federation.refusals-summarised"
    case federationRefused = "federation.refused"
    case federationRenumbered = "federation.renumbered"
    // incident
    case incidentAuthorityExercised = "incident.authority-exercised"
    case incidentCreated = "incident.created"
    case incidentReviewed = "incident.reviewed"
    case incidentUpdated = "incident.updated"
    // irbt
    case irbtAlignmentRecorded = "irbt.alignment-recorded"
    case irbtCoordinatorChanged = "irbt.coordinator-changed"
    case irbtDecisionRecorded = "irbt.decision-recorded"
    case irbtFormed = "irbt.formed"
    // layer
    case layerDeleted = "layer.deleted"
    case layerReplaced = "layer.replaced"
    case layerUploaded = "layer.uploaded"
    // mandate
    case mandateGranted = "mandate.granted"
    case mandateWithdrawn = "mandate.withdrawn"
    // meldkamer (intake and the calamiteitencoördinator, decision 0034)
    case meldkamerMessagesReceived = "meldkamer.messages-received"
    case meldkamerProposalHandled = "meldkamer.proposal-handled"
    case meldkamerThemeTakenOver = "meldkamer.theme-taken-over"
    // national
    case nationalGroupingChanged = "national.grouping-changed"
    case nationalGroupingCreated = "national.grouping-created"
    // network map (bestuurlijke netwerkkaart, decision 0033)
    case networkMapChanged = "network-map.changed"
    // node
    case nodeInitialised = "node.initialised"
    case nodeTrusted = "node.trusted"
    // office (decision 0020)
    case officeAssigned = "office.assigned"
    case officeEnded = "office.ended"
    // organisation
    case organisationCreated = "organisation.created"
    // partner
    case partnerAdviceGiven = "partner.advice-given"
    case partnerRegistered = "partner.registered"
    case partnerStandpointTaken = "partner.standpoint-taken"
    case partnerUpdated = "partner.updated"
    // plan (the plans register, issue 18 point 4)
    case planAttached = "plan.attached"
    case planRecorded = "plan.recorded"
    // plot
    case plotCreated = "plot.created"
    case plotRemoved = "plot.removed"
    case plotUpdated = "plot.updated"
    case plotVerification = "plot.verification"
    // proposal
    case proposalDecided = "proposal.decided"
    case proposalMade = "proposal.made"
    // reference
    case referenceLoaded = "reference.loaded"
    // region
    case regionPhaseChanged = "region.phase-changed"
    // risk (the regional risk profile, decision 0028)
    case riskCommunicationPublished = "risk.communication-published"
    case riskEffectAdded = "risk.effect-added"
    case riskMeasurementReceived = "risk.measurement-received"
    case riskRuleAdded = "risk.rule-added"
    case riskSignalAcknowledged = "risk.signal-acknowledged"
    case riskSignalRaised = "risk.signal-raised"
    case riskEffectAdmitted = "risk.effect-admitted"
    case riskPictureChanged = "risk.picture-changed"
    case riskPictureEscalated = "risk.picture-escalated"
    case riskPictureOpened = "risk.picture-opened"
    case riskProfileImported = "risk.profile-imported"
    case riskRecorded = "risk.recorded"
    case riskWithdrawn = "risk.withdrawn"
    // session
    case sessionClosed = "session.closed"
    case sessionLoginFailed = "session.login-failed"
    case sessionOpened = "session.opened"
    // sitrap
    case sitrapIssued = "sitrap.issued"
    case sitrapScheduleEnded = "sitrap.schedule-ended"
    case sitrapScheduleSet = "sitrap.schedule-set"
    // summary (actueel beeld, knelpunten, verwachting; decision 0024)
    case summaryCreated = "summary.created"
    case summaryUpdated = "summary.updated"
    // token
    case tokenCreated = "token.created"
    case tokenRevoked = "token.revoked"
    // user
    case userCreated = "user.created"
    case userDisabled = "user.disabled"
    case userRoleChanged = "user.role-changed"
    case userPasswordChanged = "user.password-changed"
    // warning
    case warningPublished = "warning.published"
    case warningReceived = "warning.received"
}
