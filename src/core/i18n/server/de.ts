/** German for the server's sentences (en-server.ts), in the words of the sidebar's German catalog (de.ts). */
import type { ServerCatalog } from '..';

export const DE_SERVER: ServerCatalog = {
  NO_KEY: 'Peel braucht einen Gemini-API-Schlüssel, bevor es Bilder erstellen kann.',
  NO_KEY_do:
    'Öffnen Sie die Einstellungen und fügen Sie einen Schlüssel aus Google AI Studio ein (aistudio.google.com/apikey).',
  KEY_INVALID: 'Google hat diesen API-Schlüssel nicht akzeptiert.',
  KEY_INVALID_do: 'Prüfen Sie den Schlüssel in den Einstellungen oder erstellen Sie in Google AI Studio einen neuen.',
  KEY_LEAKED: 'Google hat diesen API-Schlüssel gesperrt, weil er als öffentlich bekannt gemeldet wurde.',
  KEY_LEAKED_do: 'Erstellen Sie in Google AI Studio einen neuen Schlüssel und ersetzen Sie ihn in den Einstellungen.',
  KEY_SUSPENDED: 'Das Google Cloud-Projekt dieses Schlüssels ist gesperrt.',
  KEY_SUSPENDED_do:
    'Verwenden Sie einen Schlüssel aus einem anderen Projekt oder wenden Sie sich an den Projektinhaber.',
  PERMISSION_DENIED: 'Dieser Schlüssel darf das Bildmodell nicht verwenden.',
  PERMISSION_DENIED_do:
    'Prüfen Sie, ob die Gemini API für das Projekt des Schlüssels aktiviert ist, oder versuchen Sie ein anderes Modell.',
  BILLING_REQUIRED: 'Die Bildmodelle von Gemini brauchen einen Schlüssel aus einem Projekt mit aktivierter Abrechnung.',
  BILLING_REQUIRED_do:
    'Aktivieren Sie in Google AI Studio die Abrechnung für das Projekt des Schlüssels und versuchen Sie es dann erneut.',
  WRONG_ACCOUNT:
    'In diesem Browser sind mehrere Google-Konten angemeldet, und Google hat Peel mit dem Standardkonto statt mit dem Konto ausgeführt, mit dem diese Datei geöffnet ist. Deshalb wurde der Aufruf abgelehnt.',
  WRONG_ACCOUNT_do:
    'Öffnen Sie diese Datei in einem Fenster, in dem nur dieses Konto angemeldet ist (ein privates oder Inkognito-Fenster geht), oder melden Sie die anderen Konten ab; öffnen Sie Peel dann erneut.',
  MODEL_NOT_FOUND: 'Dieses Modell ist nicht verfügbar (es wurde vielleicht eingestellt).',
  MODEL_NOT_FOUND_do: 'Wählen Sie im Modellmenü ein anderes Modell.',
  UNSUPPORTED_OPTION: 'Das gewählte Modell unterstützt diese Option nicht.',
  UNSUPPORTED_OPTION_do: 'Wählen Sie ein anderes Seitenverhältnis, eine andere Größe oder ein anderes Modell.',
  RATE_LIMITED: 'Gemini erhält gerade zu viele Anfragen aus diesem Projekt.',
  RATE_LIMITED_do: 'Warten Sie einen Moment und versuchen Sie es erneut.',
  DAILY_QUOTA: 'Dieses Projekt hat sein Bildkontingent für heute aufgebraucht.',
  DAILY_QUOTA_do:
    'Versuchen Sie es nach Mitternacht pazifischer Zeit erneut oder verwenden Sie einen Schlüssel mit einer höheren Stufe.',
  SERVER_ERROR: 'Bei Gemini ist ein interner Fehler aufgetreten.',
  SERVER_ERROR_do: 'Versuchen Sie es erneut; wenn es wieder passiert, versuchen Sie einen kürzeren Prompt.',
  UNAVAILABLE: 'Das Modell ist gerade überlastet.',
  UNAVAILABLE_do: 'Versuchen Sie es in einer Minute erneut oder wählen Sie ein schnelleres Modell.',
  DEADLINE: 'Das Bild hat länger gedauert, als Google Workspace Peel warten lässt (etwa eine Minute).',
  DEADLINE_do: 'Versuchen Sie eine kleinere Bildgröße oder ein schnelleres Modell.',
  PROMPT_BLOCKED: 'Gemini hat diese Anfrage wegen seiner Inhaltsrichtlinien abgelehnt.',
  PROMPT_BLOCKED_do: 'Formulieren Sie den Prompt um und versuchen Sie es erneut.',
  IMAGE_BLOCKED: 'Gemini hat ein Bild erstellt, es aber wegen seiner Inhaltsrichtlinien zurückgehalten.',
  IMAGE_BLOCKED_do: 'Formulieren Sie den Prompt um und versuchen Sie es erneut.',
  MODEL_REFUSED: 'Gemini hat mit Text statt mit einem Bild geantwortet.',
  MODEL_REFUSED_do: 'Lesen Sie die Antwort unten und formulieren Sie den Prompt dann um.',
  NO_IMAGE: 'Gemini ist fertig geworden, ohne ein Bild zu erstellen.',
  NO_IMAGE_do: 'Versuchen Sie es erneut oder beschreiben Sie das Bild konkreter.',
  MISSING_THOUGHT_SIGNATURE: 'Gemini hat die Anfrage abgelehnt, weil ein Bild darin seine Signatur verloren hatte.',
  MISSING_THOUGHT_SIGNATURE_do: 'Versuchen Sie es erneut; wenn es wieder passiert, wählen Sie ein anderes Modell.',
  REQUEST_TOO_LARGE: 'Die Anfrage ist zu groß zum Senden.',
  REQUEST_TOO_LARGE_do: 'Kürzen Sie den Prompt und versuchen Sie es erneut.',
  INVALID_REQUEST: 'Gemini hat die Anfrage zurückgewiesen.',
  INVALID_REQUEST_do: 'Versuchen Sie ein anderes Seitenverhältnis, eine andere Größe oder ein anderes Modell.',
  MALFORMED_RESPONSE: 'Gemini hat eine Antwort gesendet, die Peel nicht lesen konnte.',
  MALFORMED_RESPONSE_do: 'Versuchen Sie es erneut.',
  NETWORK: 'Peel konnte Gemini nicht erreichen.',
  NETWORK_do: 'Versuchen Sie es gleich noch einmal.',
  FETCH_NOT_ALLOWED:
    'Google Workspace hat Peel nicht erlaubt, Gemini unter dieser Adresse zu kontaktieren (sie steht nicht in der Zulassungsliste des Add-ons).',
  FETCH_NOT_ALLOWED_do:
    'Bitten Sie die Person, die Peel bereitgestellt hat, diese Adresse zuzulassen (für Vertex AI: für diesen Standort erstellen).',
  BAD_INPUT: 'Etwas an der Anfrage stimmt nicht.',
  BAD_INPUT_do: 'Prüfen Sie die Felder und versuchen Sie es erneut.',
  UNSUPPORTED_HOST: 'Peel funktioniert in Google Präsentationen und Google Docs.',
  UNSUPPORTED_HOST_do: 'Öffnen Sie Peel aus einer Präsentation oder einem Dokument.',
  UNSUPPORTED_SELECTION: 'An der Stelle der Auswahl kann kein Bild eingefügt werden.',
  UNSUPPORTED_SELECTION_do:
    'Klicken Sie in den Text des Dokuments oder wählen Sie eine Folie aus und versuchen Sie es dann erneut.',
  NO_TEXT_SELECTED: 'Es ist kein Text ausgewählt, daher hat Peel nichts, woraus es einen Prompt schreiben kann.',
  NO_TEXT_SELECTED_do:
    'Wählen Sie die Wörter oder Absätze aus, die das Bild zeigen soll, und klicken Sie dann erneut auf „Auswahl illustrieren“; oder beschreiben Sie das Bild im Prompt-Feld.',
  IMAGE_TOO_LARGE: 'Das Bild ist zu groß, als dass Google es einfügen könnte (über 25 Megapixel oder 50 MB).',
  IMAGE_TOO_LARGE_do: 'Wählen Sie eine kleinere Größe.',
  PREVIEW_EXPIRED: 'Diese Vorschau ist abgelaufen: Generieren Sie das Bild erneut, um es einzufügen.',
  PREVIEW_EXPIRED_do:
    'Ihr Prompt bleibt erhalten: Klicken Sie auf „Generieren“ für eine neue Vorschau und dann auf „Einfügen“.',
  BUSY: 'Gerade ändert jemand anderes die Daten von Peel in diesem Dokument.',
  BUSY_do: 'Versuchen Sie es in ein paar Sekunden erneut.',
  STORE_FULL:
    'Der Speicher von Peel in diesem Dokument ist voll. Deshalb wurde nichts gespeichert, und das Dokument ist unverändert.',
  STORE_FULL_do:
    'Schaffen Sie Platz: Schließen Sie einen Folienauftrag ab oder brechen Sie ihn ab, oder heben Sie das Anheften ungenutzter Namen auf. Bearbeitungsverläufe, die 6 Stunden niemand angerührt hat, machen von selbst Platz.',
  IMAGE_GONE:
    'Das Bild ist nicht mehr im Dokument: Jemand hat es gelöscht, oder es wurde an eine unerreichbare Stelle verschoben.',
  IMAGE_GONE_do:
    'Wählen Sie das zu bearbeitende Bild aus (oder beginnen Sie ein neues) und versuchen Sie es dann erneut.',
  SECTION_GONE:
    'Der Abschnitt, für den dieses Bild gezeichnet wurde, ist nicht mehr im Dokument: Seine Überschrift wurde geändert oder gelöscht.',
  SECTION_GONE_do:
    'Überspringen Sie dieses Bild oder planen Sie den Auftrag neu, um das Dokument so zu illustrieren, wie es jetzt ist.',
  VERSION_UNAVAILABLE:
    'Diese Version liegt im Google Drive der Person, die diese Bearbeitung gemacht hat, und Peel kann sie von Ihrem Konto aus nicht öffnen.',
  VERSION_UNAVAILABLE_do:
    'Bitten Sie diese Person, Peel für dieses Bild zu öffnen: Sie kann die Version vergleichen und wiederherstellen.',
  DRIVE_FULL:
    'Ihr Google Drive ist voll, daher kann Peel die Version, die diese Bearbeitung ersetzt, nicht aufbewahren.',
  DRIVE_FULL_do:
    'Schaffen Sie Platz in Google Drive (oder leeren Sie den Papierkorb) und übernehmen Sie die Bearbeitung dann erneut.',
  DRIVE_UNAVAILABLE: 'Google Drive, wo Peel frühere Versionen aufbewahrt, hat gerade nicht geantwortet.',
  DRIVE_UNAVAILABLE_do: 'Warten Sie eine Minute und versuchen Sie es erneut; das Bild im Dokument ist unverändert.',
  DRIVE_NOT_AUTHORIZED: 'Peel darf noch keine Versionen in Ihrem Google Drive aufbewahren.',
  DRIVE_NOT_AUTHORIZED_do:
    'Laden Sie das Dokument neu und öffnen Sie Peel erneut, um den Zugriff zu genehmigen (Peel sieht nur die Dateien, die es selbst erstellt).',
  REFERENCE_EXPIRED: 'Ein Referenzbild wird von Peel nicht mehr aufbewahrt.',
  REFERENCE_EXPIRED_do:
    'Fügen Sie die Referenz erneut hinzu (vom Computer, aus dem Dokument oder über ihren Namen) und versuchen Sie es dann erneut.',
  REFERENCE_UNAVAILABLE: 'Peel kann das Bild einer benannten Referenz von Ihrem Konto aus nicht öffnen.',
  REFERENCE_UNAVAILABLE_do:
    'Heften Sie sie erneut aus einem Bild im Dokument an, unter demselben Namen, damit alle sie verwenden können.',
  REFERENCE_TOO_LARGE: 'Dieses Bild ist größer, als Peel es als Referenz annimmt.',
  REFERENCE_TOO_LARGE_do: 'Verwenden Sie ein kleineres Bild oder verkleinern Sie es und fügen Sie es erneut hinzu.',
  REFERENCE_UNREADABLE: 'Diese Datei ist kein Bild, das Peel als Referenz lesen kann.',
  REFERENCE_UNREADABLE_do:
    'Öffnen Sie sie in einem Bildbearbeitungsprogramm, speichern Sie sie als PNG oder JPEG und fügen Sie sie erneut hinzu.',
  JOB_CAP:
    'Das nächste Bild würde die Kostenobergrenze dieses Auftrags überschreiten, deshalb hat Peel es nicht gezeichnet.',
  JOB_CAP_do: 'Prüfen Sie, was gezeichnet ist, oder starten Sie den Auftrag mit einer höheren Obergrenze neu.',
  SCOPE_NOT_GRANTED:
    'Peel braucht eine Berechtigung, die Sie noch nicht erteilt haben. Es wurde nichts geändert oder berechnet.',
  SCOPE_NOT_GRANTED_do:
    'Klicken Sie auf „Berechtigung erteilen“, bestätigen Sie im sich öffnenden Fenster und versuchen Sie es dann erneut.',
  POLICY: 'Die Einstellungen Ihrer Organisation für Peel erlauben das nicht. Es wurde nichts gesendet oder berechnet.',
  POLICY_do: 'Wählen Sie, was Ihre Organisation erlaubt, oder fragen Sie Ihren Administrator.',
  INTERNAL: 'In Peel ist etwas schiefgelaufen.',
  INTERNAL_do: 'Versuchen Sie es erneut; wenn es wieder passiert, laden Sie das Dokument neu.',
  SERVER_ERROR_refs:
    'Versuchen Sie es erneut; wenn es wieder passiert, versuchen Sie einen kürzeren Prompt oder weniger Referenzbilder.',
  PROMPT_BLOCKED_refs: 'Formulieren Sie den Prompt um oder verwenden Sie andere Referenzbilder.',
  REQUEST_TOO_LARGE_refs: 'Verwenden Sie weniger oder kleinere Referenzbilder.',
  MISSING_THOUGHT_SIGNATURE_talk: 'Beginnen Sie eine neue Unterhaltung für dieses Bild und versuchen Sie es erneut.',
  REQUEST_TOO_LARGE_talk:
    'Verwenden Sie weniger oder kleinere Referenzbilder oder beginnen Sie eine neue Unterhaltung.',
  SERVER_ERROR_talk:
    'Versuchen Sie es erneut; wenn es wieder passiert, beginnen Sie eine neue Unterhaltung für dieses Bild.',
  PREVIEW_EXPIRED_talk:
    'Bearbeiten Sie stattdessen das Bild im Dokument, oder holen Sie eine Vorschau zurück, die noch gespeichert ist.',
  switchModel: 'Wechseln Sie im Modellmenü zu {model}.',
  waitAbout: 'Warten Sie etwa {time} und versuchen Sie es erneut.',
  seconds: { one: '{n} Sekunde', other: '{n} Sekunden' },
  minutes: { one: '{n} Minute', other: '{n} Minuten' },
  charged:
    'Gemini hat trotzdem geantwortet, und Google berechnet das möglicherweise, daher hat Peel {usd} zur Summe dieses Dokuments gezählt.',
  policyUnreadable:
    'Die Einstellung {property} Ihrer Organisation konnte nicht gelesen werden (erwartet: {expected}). Bitten Sie Ihren Administrator, sie zu korrigieren.',
  policyModel: 'Ihre Organisation erlaubt {model} nicht. Wählen Sie im Menü ein anderes Modell.',
  policySize: 'Ihre Organisation erlaubt Bilder bis {size}. Wählen Sie {size} oder kleiner.',
  policyPerson:
    'Dieses Bild (etwa {usd}) würde Sie über das Limit Ihrer Organisation von {limit} pro Person und Monat bringen; Sie haben diesen Monat {spent} ausgegeben. Es erneuert sich am 1.',
  policyDocument:
    'Dieses Bild (etwa {usd}) würde dieses Dokument über das Limit Ihrer Organisation von {limit} pro Monat bringen; es hat diesen Monat {spent} ausgegeben. Es erneuert sich am 1.',
  policyUploadsOff:
    'Ihre Organisation hat Bilder vom Computer deaktiviert. Verwenden Sie stattdessen Bilder aus dieser Datei.',
  policyJobsOff:
    'Ihre Organisation hat das Illustrieren einer ganzen Datei auf einmal deaktiviert. Illustrieren Sie jeweils eine Folie oder einen Abschnitt.',
  noteSize: 'Ihre Organisation erlaubt Bilder bis {size}.',
  noteModels: 'Ihre Organisation legt fest, welche Modelle Sie verwenden können.',
  notePerson: 'Ihre Organisation erlaubt {usd} pro Person und Monat.',
  noteDocument: 'Ihre Organisation erlaubt {usd} pro Dokument und Monat.',
  noteUploadsOff: 'Ihre Organisation hat Bilder vom Computer deaktiviert.',
  noteJobsOff: 'Ihre Organisation hat das Illustrieren einer ganzen Datei auf einmal deaktiviert.',
  policyJobsNoEmail:
    'Ihre Organisation erlaubt das Illustrieren einer ganzen Datei auf einmal nur bestimmten Personen, und Google hat Peel nicht mitgeteilt, wer Sie sind. Illustrieren Sie eine Folie oder einen Abschnitt nach dem anderen, oder fragen Sie Ihre Administration.',
  policyJobsNotListed:
    'Ihre Organisation erlaubt das Illustrieren einer ganzen Datei auf einmal nur bestimmten Personen, und {email} gehört nicht dazu. Illustrieren Sie eine Folie oder einen Abschnitt nach dem anderen, oder fragen Sie Ihre Administration.',
  noteJobsSome: 'Ihre Organisation erlaubt das Illustrieren einer ganzen Datei auf einmal nur bestimmten Personen.',
  needsExternal:
    'Bilder erstellen und bearbeiten braucht die Berechtigung „Verbindung zu einem externen Dienst herstellen“: Peel sendet Ihre Anfrage an die Gemini API von Google.',
  needsDrive:
    'Die Version aufzubewahren, die eine Änderung ersetzt, braucht die Berechtigung „Nur bestimmte Google Drive-Dateien, die Sie mit dieser App verwenden, ansehen, bearbeiten, erstellen und löschen“. Neue Bilder einfügen geht auch ohne sie.',
  needsCloud:
    'Vertex AI braucht die Berechtigung „Ihre Google Cloud-Daten ansehen, bearbeiten, konfigurieren und löschen“, mit der die Peel-Installation Ihrer Organisation ihr Google Cloud-Projekt erreicht.',
  needsOther: 'Dafür braucht Peel eine Berechtigung, die Sie noch nicht erteilt haben.',
  needsEmail:
    'Für das Illustrieren einer ganzen Datei auf einmal braucht Peel Ihre E-Mail-Adresse: Ihre Organisation erlaubt es nur bestimmten Personen („Primäre E-Mail-Adresse Ihres Google-Kontos abrufen“).',
  jobSlide: 'Folie {n}: {title}',
  jobSlideN: 'Folie {n}',
  jobSection: 'Abschnitt {n}: {heading}',
  jobSectionN: 'Abschnitt {n}',
  jobPicture: 'Folie {n}, Bild {k}',
  jobPictureOn: 'Folie {n}, Bild',
  jobAPicture: 'Ein Bild',
  jobNoRoom: '{label} (kein Platz: Es kommt auf eine neue Folie danach)',
  jobGone: 'Dieser Auftrag ist beendet oder wurde abgebrochen. Planen Sie einen neuen.',
  jobDocsRestyle:
    'Der Stilwechsel geht die Bilder einer Google Präsentation durch. Bearbeiten Sie in Google Docs ein Bild nach dem anderen oder illustrieren Sie das Dokument.',
  jobNoStyle:
    'Legen Sie zuerst den Stil der Präsentation fest (und aktivieren Sie ihn): Der Stilwechsel zeichnet jedes Bild in diesem Stil neu.',
  jobSectionMissing:
    'Ein Abschnitt des Plans ist nicht mehr im Dokument (seine Überschrift wurde geändert oder entfernt). Planen Sie den Auftrag neu.',
  jobSlideMissing: 'Eine Folie oder ein Bild des Plans ist nicht mehr in der Präsentation. Planen Sie den Auftrag neu.',
  jobRunningSlides:
    'Sie haben in dieser Präsentation bereits einen Auftrag: Schließen Sie ihn ab oder brechen Sie ihn ab, bevor Sie einen neuen starten.',
  jobRunningDocs:
    'Sie haben in diesem Dokument bereits einen Auftrag: Schließen Sie ihn ab oder brechen Sie ihn ab, bevor Sie einen neuen starten.',
  jobNotKept:
    'Der Auftrag wurde inzwischen abgebrochen oder geändert; dieses Bild wird angezeigt, aber nicht im Auftrag behalten.',
  jobDeckBusy:
    'Die Präsentation war belegt, daher kommt dieser Vorschlag mit Ihrem nächsten Element zum Auftrag (oder wenn Sie den Auftrag wieder öffnen).',
  jobEmptySlides: 'Wählen Sie mindestens eine Folie oder ein Bild.',
  jobEmptyDocs: 'Wählen Sie mindestens einen Abschnitt.',
  jobNoItem: 'Dieser Auftrag hat kein solches Element. Planen Sie den Auftrag neu.',
  itemWorking: 'Dieses Element wird bereits gezeichnet; es wurde nichts gesendet.',
  itemProposed: 'Dieses Element ist bereits vorgeschlagen; es wurde nichts gesendet.',
  itemAccepted: 'Dieses Element ist bereits angenommen; es wurde nichts gesendet.',
  itemSkipped: 'Dieses Element wurde übersprungen; es wurde nichts gesendet.',
  itemFailed: 'Dieses Element ist fehlgeschlagen; es wurde nichts gesendet.',
  itemLost: 'Dieses Element ist verloren; es wurde nichts gesendet.',
  jobCap:
    'Dieses Bild (etwa {usd}) würde den Auftrag über seine Obergrenze von {cap} bringen ({spent} ausgegeben). Erhöhen Sie die Obergrenze, indem Sie den Auftrag neu starten, oder überspringen Sie den Rest.',
  jobCapDrawing:
    'Dieses Bild (etwa {usd}) würde den Auftrag über seine Obergrenze von {cap} bringen ({spent} ausgegeben, {n} in Arbeit). Erhöhen Sie die Obergrenze, indem Sie den Auftrag neu starten, oder überspringen Sie den Rest.',
  jobLost:
    'Das Bild dieses Vorschlags wird nicht mehr aufbewahrt (Google hat es aus dem Cache von Peel gelöscht), daher gibt es nichts einzufügen. Zeichnen Sie es neu oder überspringen Sie es.',
  placedAlready: 'Dieses Bild ist bereits eingefügt.',
  onlyProposal: 'Nur ein Vorschlag kann angenommen werden.',
  placingAlready: 'Dieses Bild wird bereits eingefügt; sehen Sie gleich auf seiner Folie nach.',
  skipWhileDrawn: 'Dieses Element wird gerade gezeichnet; überspringen Sie es, wenn sein Vorschlag da ist.',
  redrawWhileDrawn: 'Dieses Element wird bereits gezeichnet.',
  promptFirst: 'Schreiben Sie zuerst den neuen Prompt.',
  promptWhileDrawn: 'Dieses Element wird gerade gezeichnet; ändern Sie seinen Prompt, wenn sein Vorschlag da ist.',
  itemTooLong:
    'Der Prompt von Element {i} hat {length} Zeichen, zu lang, um ihn mit dem Auftrag aufzubewahren: Kürzen Sie ihn auf etwa {fits}.',
  promptTooLong:
    'Dieser Prompt hat {length} Zeichen, zu lang, um ihn mit dem Auftrag aufzubewahren: Kürzen Sie ihn auf etwa {fits}.',
  jobTooLarge:
    'Die Prompts des Auftrags belegen {kb} KB, mehr als die {max} KB, die Peel in einem Dokument für Aufträge aufbewahrt: Wählen Sie weniger Folien oder kürzen Sie die Prompts.',
  busyWaited:
    'Jemand speichert gerade über Peel in diesem Dokument; Peel hat {seconds} Sekunden gewartet, bis der Vorgang abgeschlossen ist.',
  imageGoneMeanwhile:
    'Das Bild wurde inzwischen gelöscht oder aus dem Dokument verschoben. Wählen Sie ein Bild aus und versuchen Sie es erneut.',
  pictureUnreadable:
    'Peel kann dieses Bild nicht lesen. Versuchen Sie ein anderes Bild oder ersetzen Sie es durch ein PNG oder JPEG.',
  notIssued: 'Generieren Sie ein Bild und fügen Sie es dann ein.',
  referenceTooBig:
    'Dieses Bild ist zu groß, als dass Peel es als Referenz aufbewahren könnte. Verwenden Sie ein kleineres (bis 7 MB).',
  discardAtMost: 'Peel verwirft höchstens {n} Bilder auf einmal.',
  vertexNoKey:
    'Diese Bereitstellung verwendet Vertex AI mit Ihrem Google-Konto; es gibt keinen API-Schlüssel zu testen.',
  openFromDocument: 'Öffnen Sie Peel aus einem Dokument.',
  namedAtMost: 'Ein Dokument behält höchstens {n} benannte Referenzen. Heben Sie zuerst das Anheften einer auf.',
  slideNoText: 'Diese Folie hat keinen Text zum Illustrieren. Beschreiben Sie stattdessen das gewünschte Bild.',
  noProposal: 'Dieses Element hat keinen Vorschlag zum Anzeigen. Zeichnen Sie es zuerst.',
  orgKeyForEveryone:
    'Der Schlüssel Ihrer Organisation wird für alle verwendet, daher speichert Peel keinen eigenen Schlüssel für Sie.',
  modelIdShape: 'Eine Modell-ID sieht aus wie die im Modellmenü: Kleinbuchstaben, Ziffern, Punkte und Bindestriche.',
  keyShape:
    'Fügen Sie den Schlüssel genau so ein, wie Google AI Studio ihn anzeigt (neue Schlüssel beginnen mit AQ., ältere mit AIza).',
  unknownName: 'Dieses Dokument hat keine Referenz namens „{name}“ mehr: Jemand hat das Anheften aufgehoben.',
  pinnedPictureGone: 'Das Bild, aus dem „{name}“ angeheftet wurde, ist nicht mehr im Dokument.',
  keptInYourDrive:
    '„{name}“ liegt in Ihrem Google Drive (die Datei wurde gelöscht), und Peel kann es von Ihrem Konto aus nicht öffnen.',
  keptInTheirDrive:
    '„{name}“ liegt im Google Drive der Person, die es angeheftet hat, und Peel kann es von Ihrem Konto aus nicht öffnen.',
  sayWhatChanges: 'Sagen Sie zuerst, was sich ändern soll.',
  drawsAtMost:
    '{model} zeichnet höchstens {largest}. Wählen Sie ein Modell, das {size} zeichnet, um dieses Bild schärfer zu rendern.',
  unreadableAnswer: 'Gemini hat ein {type}-Bild gesendet, das Peel weder lesen noch einfügen kann.',
  readsTypes: 'Gemini liest PNG-, JPEG-, WebP- und HEIC-Bilder, nicht {type}.',
  describeImage: 'Beschreiben Sie das Bild.',
  variantsRange: 'Fordern Sie 1 bis {max} Varianten an.',
  requestTooBig: 'Die Anfrage wäre {mb} MB groß; Google Workspace sendet höchstens 50 MB.',
  vertexImageSize: 'Vertex AI nimmt Bilder bis je 7 MB an.',
  addressTooLong:
    'Die Adresse der Anfrage ist länger, als Apps Script erlaubt (2 KB). Prüfen Sie die Modell-ID und das Vertex AI-Projekt.',
  answerCutOff: 'Die Antwort wurde abgeschnitten oder war unlesbar.',
  previewKept:
    'Peel bewahrt erstellte Bilder {minutes} Minuten zum Einfügen auf (die Vorschläge eines Folienauftrags {hours} Stunden), und Google kann sie früher löschen.',
  referenceKept: 'Peel bewahrt Referenzbilder bis zu {hours} Stunden auf, und Google kann sie früher löschen.',
  vertexLocationShape: '{property} sollte ein Google Cloud-Standort sein, etwa global oder us-central1.',
  vertexLocationBuilt:
    'Diese Peel-Kopie wurde für Vertex AI in {built} erstellt, aber {property} gibt {location} an. Erstellen Sie sie mit --vertex-location {location} oder setzen Sie {property} auf {built}.',
  styleRefsNotSent: 'Die Referenzbilder des Stils wurden nicht gesendet: {why}',
  chainPreviewGone:
    'Die Vorschau, an die diese Bearbeitung anschließt, ist nicht mehr gespeichert ({why}), daher wurde nichts gesendet oder berechnet.',
  chainOtherPicture:
    'Diese Vorschau ist eine Bearbeitung eines anderen Bildes. Wählen Sie jenes Bild aus, um daran weiterzuarbeiten.',
  regionQuickEdit:
    'Ein markierter Teil gehört zu einer Änderung, die Sie eingeben, nicht zu einer Schnellbearbeitung. Heben Sie die Markierung auf oder geben Sie die Änderung ein.',
  regionNoCorners:
    'Die Ecken des markierten Teils sind nicht lesbar. Ziehen Sie erneut über den Teil, der sich ändern soll.',
  regionNotWhole:
    'Der markierte Teil liegt nicht auf ganzen Pixeln. Ziehen Sie erneut über den Teil, der sich ändern soll.',
  regionEmpty: 'Der markierte Teil ist leer. Ziehen Sie über den Teil des Bildes, der sich ändern soll.',
  regionOutside:
    'Der markierte Teil liegt außerhalb des Bildes ({width}×{height} Pixel). Markieren Sie einen Teil innerhalb des Bildes.',
  markedNotPicture:
    'Die markierte Kopie ist kein PNG- oder JPEG-Bild. Markieren Sie den Teil, der sich ändern soll, erneut.',
  markedNotDrawn:
    'Die markierte Kopie stammt nicht vom Bild in seinem jetzigen Zustand ({width}×{height} Pixel): Das Bild wurde vielleicht inzwischen geändert. Markieren Sie den Teil, der sich ändern soll, erneut.',
  newNotEdit: 'Dieses Bild ist neu: Fügen Sie es stattdessen ein.',
  cutoutRefused: '{why} Das Bild behält seinen Hintergrund.',
  keptRefused: '{why} Die Bearbeitung bleibt so, wie Gemini sie gezeichnet hat.',
  cutoutWhich:
    'Nur ein Bild, das Peel auf einer Schlüsselfarbe angefordert hat („Hintergrund entfernen“), oder eine auf einen markierten Teil beschränkte Bearbeitung kann so behalten werden.',
  cutoutNotAlpha: 'Das freigestellte Bild ist kein PNG mit Alphakanal.',
  cutoutSize:
    'Das freigestellte Bild ist {size} groß, nicht {width}×{height} wie das Bild, aus dem es freigestellt wurde.',
  cutoutNoSize:
    'Die Größe des freigestellten Bildes ist nicht lesbar; es müsste {width}×{height} groß sein wie das Bild, aus dem es freigestellt wurde.',
  keptNotPng: 'Das gesendete Bild ist kein PNG.',
  keptSize: 'Das gesendete Bild ist {size} groß, nicht {width}×{height} wie das Bild, mit dem die Bearbeitung begann.',
  keptNoSize:
    'Die Größe des gesendeten Bildes ist nicht lesbar; es müsste {width}×{height} groß sein wie das Bild, mit dem die Bearbeitung begann.',
  restyleChanged:
    '{changed} Generieren Sie dieses Element neu, um das Bild in seinem jetzigen Zustand umzugestalten, oder überspringen Sie es.',
  namedTooLarge:
    '„{name}“ ist {width}×{height} Pixel groß ({megapixels} Megapixel); Peel nimmt Bilder mit höchstens {max} Megapixeln an. Lösen Sie es und heften Sie unter seinem Namen ein kleineres Bild an.',
  optionRefs: '{model} nimmt bis zu {max} Referenzbilder an.',
  optionDraws: '{model} zeichnet {list}.',
  optionThinks: '{model} denkt auf den Stufen {list}.',
  optionNoThinking: 'Bei {model} lässt sich keine Denkstufe wählen.',
  quickNoBackground: 'Sagen Sie, welche Farbe oder Szene der Hintergrund haben soll.',
  quickRatio: 'Wählen Sie ein Seitenverhältnis wie 16:9.',
  quickNoTheme: 'Das Design dieser Folie bietet keine Farben, die Peel lesen kann.',
  refsNotAllKept:
    'Diese Referenzbilder sind zusammen mehr, als Peel für Sie auf einmal aufbewahrt (etwa {mb} MB). Verwenden Sie weniger oder kleinere Bilder.',
  docsNoBackground: 'Google Docs hat keinen Folienhintergrund; fügen Sie das Bild stattdessen ein.',
  docsNoParagraph: 'Peel kann hier keinen Absatz hinzufügen. Klicken Sie in den Textkörper des Dokuments.',
  docsSelectToReplace:
    'Wählen Sie das Inline-Bild aus, das ersetzt werden soll (einmal anklicken), und fügen Sie dann erneut ein.',
  docsNotAtCursor: 'An der Cursorposition kann kein Bild stehen. Klicken Sie in den Textkörper des Dokuments.',
  sectionGone:
    'Die Überschrift dieses Abschnitts ist nicht mehr im Dokument, daher kann sein Bild nirgends hin. Überspringen Sie es.',
  modelUnknown: 'Peel kennt dieses Modell noch nicht: Es läuft mit einfachen Optionen.',
  modelShutdown: 'Google stellt dieses Modell am {date} ein.',
  modelShutdownSwitch: 'Google stellt dieses Modell am {date} ein. Wechseln Sie zu {model}.',
  noSlide: 'Keine Folie',
  openSlideFirst: 'Öffnen oder erstellen Sie zuerst eine Folie.',
  openASlide: 'Öffnen Sie zuerst eine Folie.',
  noteTableCell: '{label} (eine Tabellenzelle ist ausgewählt)',
  noteEditingCell: '{label} (Sie bearbeiten eine Tabellenzelle)',
  noteEditingText: '{label} (Sie bearbeiten Text)',
  noteSelectOne: '{label} (wählen Sie ein einzelnes Element aus, um es zu füllen)',
  notePictures: '{label} ({n} Bilder ausgewählt: als Referenzen verwenden)',
  noteReplaceSwaps: '{label} („Auswahl ersetzen“ tauscht das Bild aus)',
  noteTable: '{label} (eine Tabelle ist ausgewählt)',
  noteGroup: '{label} (eine Gruppe ist ausgewählt)',
  noteOtherKind: '{label} (diese Art von Element lässt sich nicht ersetzen)',
  boxHoldsText: 'Das ausgewählte Feld enthält Text; Peel ersetzt keine Wörter durch ein Bild.',
  groupRefusal:
    'Eine Gruppe lässt sich nicht als Ganzes ersetzen. Klicken Sie in die Gruppe und wählen Sie das Bild oder die Form aus, die ersetzt werden soll, oder fügen Sie das Bild auf der Folie ein.',
  otherKindRefusal: 'Nur eine Form, ein Bildplatzhalter oder ein Bild kann ersetzt werden.',
  selectOneToReplace:
    'Wählen Sie die eine Form, den Platzhalter oder das Bild aus, das ersetzt werden soll, und fügen Sie dann erneut ein.',
  tableRefusal:
    'Google Präsentationen kann kein Bild in eine Tabelle setzen. „Einfügen“ legt es auf die Folie, neben die Tabelle; um etwas zu ersetzen, wählen Sie ein Bild, eine Form oder einen Bildplatzhalter aus.',
  backgroundShape:
    'Google Präsentationen dehnt einen Hintergrund auf die Foliengröße, und dieses Bild hat nicht die Form der Folie. Erstellen Sie es für den Hintergrund neu (Peel fragt dann nach dem Seitenverhältnis der Folie) oder fügen Sie es stattdessen ein.',
  fillsPicturePlaceholder: 'Füllt den leeren Bildplatzhalter',
  fillsTextPlaceholder: 'Füllt den leeren Textplatzhalter dieser Folie',
  fillsShape: 'Füllt die ausgewählte Form',
  besideText: 'Neben dem ausgewählten Text ({side}), der sichtbar bleibt',
  freeSpace: 'Freie Fläche {where} auf der Folie, ohne Text und Bilder zu verdecken',
  newSlide: 'Eine neue Folie nach dieser',
  newSlideSmall: 'Eine neue Folie nach dieser (die freie Fläche hier ist klein)',
  newSlideNoRoom: 'Eine neue Folie nach dieser (auf dieser ist kein Platz frei)',
  smallSpace:
    'Die freie Fläche auf dieser Folie böte nur Platz für ein kleines Bild (unter einem Viertel der Folie). „Einfügen“ legt es auf eine neue Folie nach dieser; wählen Sie stattdessen die kleine Fläche oder den Hintergrund, wenn Sie möchten.',
  offerBeside: 'Neben dem ausgewählten Text ({side}), kleiner ({ratio})',
  offerFree: 'Freie Fläche {where} auf der Folie, kleiner ({ratio})',
  offerNewSlide: 'Eine neue Folie nach dieser, groß',
  behindText: 'Der Hintergrund der Folie, hinter ihrem Text',
  noRoomBeside:
    'Neben dem ausgewählten Text ist kein Platz für ein Bild frei. „Einfügen“ legt es auf eine neue Folie nach dieser; es kann auch der Hintergrund der Folie werden oder trotzdem obenauf liegen.',
  noRoomSlide:
    'Auf dieser Folie ist kein Platz für ein Bild frei, das weder Text noch Bilder verdeckt. „Einfügen“ legt es auf eine neue Folie nach dieser; es kann auch der Hintergrund der Folie werden oder trotzdem obenauf liegen.',
  sideAbove: 'darüber',
  sideBelow: 'darunter',
  sideLeft: 'links davon',
  sideRight: 'rechts davon',
  'top left': 'oben links',
  top: 'oben',
  'top right': 'oben rechts',
  left: 'links',
  middle: 'in der Mitte',
  right: 'rechts',
  'bottom left': 'unten links',
  bottom: 'unten',
  'bottom right': 'unten rechts',
  replacedPicture: 'Bild ersetzt',
  filledPicturePlaceholder: 'Bildplatzhalter gefüllt',
  filledPlaceholder: 'Leeren Platzhalter gefüllt',
  filledShape: 'Ausgewählte Form gefüllt',
  slideBackground: 'Folienhintergrund',
  besideTextPlaced: 'Neben dem ausgewählten Text',
  freeSpacePlaced: 'Freie Fläche {where}',
  onTop: 'Obenauf auf der Folie',
  imageN: 'Bild {n}',
  leadSelected: 'Das ausgewählte Bild',
  leadLast: 'Das zuletzt bearbeitete Bild',
  leadImage: 'Das Bild',
  inDocument: '{lead} im Dokument',
  onSlide: '{lead} auf Folie {n}',
  docsNothingSelected: 'Nichts ausgewählt',
  docsNotInBody: 'Nicht im Haupttext',
  docsUnsupported: 'Auswahl nicht unterstützt',
  docsNoCursor: 'Kein Cursor',
  docsFootnote: 'Peel kann kein Bild in eine Fußnote setzen. Klicken Sie in den Haupttext des Dokuments.',
  docsHeaderFooter:
    'Peel kann kein Bild in eine Kopf- oder Fußzeile setzen. Klicken Sie in den Haupttext des Dokuments.',
  docsWhere: 'Peel kann nicht erkennen, wo das ist. Klicken Sie in den Haupttext des Dokuments.',
  docsClickWhere:
    'Klicken Sie dort ins Dokument, wo das Bild hin soll. (Peel kann nicht mit frei positionierten Bildern arbeiten: Wählen Sie „Mit Text in Zeile“.)',
  atCursor: 'Am Cursor',
  beforeParagraph: 'Vor diesem Absatz',
  afterParagraph: 'Nach diesem Absatz',
  afterTable: 'Nach der ausgewählten Tabelle',
  afterSelectedParagraph: 'Nach dem ausgewählten Absatz',
  afterImageSwaps: 'Nach dem ausgewählten Bild („Auswahl ersetzen“ tauscht es aus)',
  afterImage: 'Nach dem ausgewählten Bild',
  replacedImage: 'Ausgewähltes Bild ersetzt',
  underHeading: 'Unter „{heading}“',
  underItsHeading: 'Unter seiner Überschrift',
  changedYou: 'Sie haben dieses Bild geändert, seit Sie es zuletzt gesehen haben, daher wurde nichts ersetzt.',
  changedCollaborator:
    'Eine mitarbeitende Person hat dieses Bild geändert, seit Sie es zuletzt gesehen haben, daher wurde nichts ersetzt.',
  changedSomeone: 'Jemand hat dieses Bild geändert, seit Sie es zuletzt gesehen haben, daher wurde nichts ersetzt.',
  slideGone: 'Diese Folie ist nicht mehr in der Präsentation, daher kann ihr Bild nirgends hin. Überspringen Sie es.',
  notAnEdit: 'Dieses Bild ist neu: Fügen Sie es ein, statt es anzuwenden.',
  noHistory: 'Dieses Bild hat in diesem Dokument keinen Verlauf mehr. Wählen Sie es erneut aus.',
  versionNotListed: 'Diese Version steht nicht mehr im Verlauf des Bildes (Peel behält die neuesten 20).',
  versionFileGone: 'Ihre Datei ist nicht mehr im Ordner „Peel versions“ Ihres Google Drive (sie wurde gelöscht).',
  versionTheirDrive:
    'Diese Version liegt im Google Drive der mitarbeitenden Person, die das Bild ersetzt hat; sie kann sie öffnen und wiederherstellen.',
  overFiftyJpeg:
    'Das Bild ist selbst als JPEG größer als 50 MB; Google fügt höchstens 50 MB ein. Wählen Sie eine kleinere Größe.',
  dataEmpty: 'die Bilddaten sind leer',
  dataNotBase64: 'die Bilddaten sind kein gültiges Base64',
  dataNotStart: 'die Daten beginnen nicht wie ein {type}-Bild',
  dataCutShort: 'das {type}-Bild ist abgeschnitten',
  answerUnusable: 'Das Bild in Geminis Antwort ist nicht verwendbar: {why}.',
  refUnreadable: 'Diese Datei kann nicht als Referenz verwendet werden: {why}.',
  refTypes: 'Peel kann PNG-, JPEG-, WebP- und HEIC-Bilder als Referenzen verwenden, nicht {type}.',
  refThisKind: 'diese Art von Datei',
  refTooBig: 'Das Bild ist {mb} MB groß; eine Referenz darf höchstens {max} MB groß sein.',
  refOtherType: 'es ist ein {type}-Bild, nicht das {sent}, als das es gesendet wurde',
  refNoSize: 'sein Header nennt seine Größe nicht in den ersten {kb} KB',
  refPixels:
    'Das Bild hat {width}×{height} Pixel ({megapixels} Megapixel); Peel nimmt Bilder mit höchstens {max} Megapixeln.',
  refSize: 'es hat {width}×{height} Pixel, nicht die {sentWidth}×{sentHeight}, mit denen es gesendet wurde',
  insertTypes: 'Google Präsentationen und Docs nehmen PNG-, JPEG- oder GIF-Bilder, nicht {type}.',
  insertPixels:
    'Das Bild hat {width} × {height} Pixel ({megapixels} Megapixel); Google fügt höchstens 25 ein. Wählen Sie eine kleinere Größe.',
  insertBytes: 'Das Bild ist {mb} MB groß; Google fügt höchstens 50 MB ein. Wählen Sie eine kleinere Größe.',
  limitCount: '{model} nimmt bis zu {max} Referenzbilder; entfernen Sie {over} der {total}.',
  limitEach: 'Referenz {n} ist {mb} MB groß; jede Referenz darf höchstens {max} MB groß sein.',
  limitRequest: 'Diese Referenzen ergeben eine Anfrage von {mb} MB; Peel sendet höchstens {max} MB auf einmal.',
  modelStage: 'Google führt {model} als „{stage}“.',
  modelStageRetiring: 'Google führt {model} als „{stage}“ und stellt es am {date} ein.',
  modelShutsDown: '{model} wird am {date} eingestellt.',
  modelShutDownPast: '{model} sollte am {date} eingestellt werden.',
  modelSwitch: 'Wechseln Sie zu {model}.',
  previewOnly: 'Dieses Bild kann angezeigt, aber nicht eingefügt werden: {why}',
  costWaits:
    'Das Dokument war beschäftigt; diese Kosten warten daher in Ihren eigenen Einstellungen und kommen mit Ihrem nächsten Bild hier zur Summe des Dokuments.',
  costNotAdded: 'Peel konnte diese Kosten nicht zur laufenden Summe des Dokuments hinzufügen.',
  notKeptForInsert:
    'Peel konnte dieses Bild nicht zum Einfügen aufbewahren (zu groß für seinen Cache). Wählen Sie eine kleinere Größe.',
  shownNotNoted:
    'Peel konnte diese Vorschau nicht im Verlauf des Bildes vermerken; sie ist weiterhin da, um sie anzuwenden oder von ihr aus weiterzumachen.',
};
