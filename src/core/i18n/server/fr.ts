/** French for the server's sentences (en-server.ts), in the words of the sidebar's French catalog (fr.ts). */
import type { ServerCatalog } from '..';

export const FR_SERVER: ServerCatalog = {
  NO_KEY: 'Peel a besoin d’une clé API Gemini pour créer des images.',
  NO_KEY_do: 'Ouvrez les paramètres et collez une clé de Google AI Studio (aistudio.google.com/apikey).',
  KEY_INVALID: 'Google n’a pas accepté cette clé API.',
  KEY_INVALID_do: 'Vérifiez la clé dans les paramètres, ou créez-en une nouvelle dans Google AI Studio.',
  KEY_LEAKED: 'Google a bloqué cette clé API, car elle a été signalée comme divulguée.',
  KEY_LEAKED_do: 'Créez une nouvelle clé dans Google AI Studio et remplacez-la dans les paramètres.',
  KEY_SUSPENDED: 'Le projet Google Cloud de cette clé est suspendu.',
  KEY_SUSPENDED_do: 'Utilisez une clé d’un autre projet, ou contactez le propriétaire du projet.',
  PERMISSION_DENIED: 'Cette clé n’est pas autorisée à utiliser le modèle d’images.',
  PERMISSION_DENIED_do: 'Vérifiez que l’API Gemini est activée pour le projet de la clé, ou essayez un autre modèle.',
  BILLING_REQUIRED: 'Les modèles d’images de Gemini nécessitent une clé d’un projet dont la facturation est activée.',
  BILLING_REQUIRED_do: 'Activez la facturation du projet de la clé dans Google AI Studio, puis réessayez.',
  WRONG_ACCOUNT:
    'Plusieurs comptes Google sont connectés dans ce navigateur, et Google a exécuté Peel avec le compte par défaut au lieu du compte avec lequel ce fichier est ouvert ; l’appel a donc été refusé.',
  WRONG_ACCOUNT_do:
    'Ouvrez ce fichier dans une fenêtre où seul ce compte est connecté (une fenêtre de navigation privée convient), ou déconnectez les autres comptes ; puis rouvrez Peel.',
  MODEL_NOT_FOUND: 'Ce modèle n’est pas disponible (il a peut-être été retiré).',
  MODEL_NOT_FOUND_do: 'Choisissez un autre modèle dans le menu des modèles.',
  UNSUPPORTED_OPTION: 'Le modèle choisi ne prend pas en charge cette option.',
  UNSUPPORTED_OPTION_do: 'Choisissez un autre format ou une autre taille, ou un autre modèle.',
  RATE_LIMITED: 'Gemini reçoit trop de requêtes de ce projet en ce moment.',
  RATE_LIMITED_do: 'Patientez un instant, puis réessayez.',
  DAILY_QUOTA: 'Ce projet a épuisé son quota d’images pour aujourd’hui.',
  DAILY_QUOTA_do: 'Réessayez après minuit, heure du Pacifique, ou utilisez une clé d’un niveau supérieur.',
  SERVER_ERROR: 'Gemini a rencontré une erreur interne.',
  SERVER_ERROR_do: 'Réessayez ; si cela se reproduit, essayez un prompt plus court.',
  UNAVAILABLE: 'Le modèle est surchargé en ce moment.',
  UNAVAILABLE_do: 'Réessayez dans une minute, ou choisissez un modèle plus rapide.',
  DEADLINE: 'L’image a pris plus de temps que Google Workspace ne laisse attendre Peel (environ une minute).',
  DEADLINE_do: 'Essayez une taille d’image plus petite ou un modèle plus rapide.',
  PROMPT_BLOCKED: 'Gemini a refusé cette requête en raison de ses règles relatives au contenu.',
  PROMPT_BLOCKED_do: 'Reformulez le prompt et réessayez.',
  IMAGE_BLOCKED: 'Gemini a créé une image, mais l’a retenue en vertu de ses règles relatives au contenu.',
  IMAGE_BLOCKED_do: 'Reformulez le prompt et réessayez.',
  MODEL_REFUSED: 'Gemini a répondu par du texte au lieu d’une image.',
  MODEL_REFUSED_do: 'Lisez sa réponse ci-dessous, puis reformulez le prompt.',
  NO_IMAGE: 'Gemini a terminé sans créer d’image.',
  NO_IMAGE_do: 'Réessayez, ou décrivez l’image plus concrètement.',
  MISSING_THOUGHT_SIGNATURE: 'Gemini a refusé la requête, car une image qu’elle contenait avait perdu sa signature.',
  MISSING_THOUGHT_SIGNATURE_do: 'Réessayez ; si cela se reproduit, choisissez un autre modèle.',
  REQUEST_TOO_LARGE: 'La requête est trop volumineuse pour être envoyée.',
  REQUEST_TOO_LARGE_do: 'Raccourcissez le prompt et réessayez.',
  INVALID_REQUEST: 'Gemini a rejeté la requête.',
  INVALID_REQUEST_do: 'Essayez un autre format, une autre taille ou un autre modèle.',
  MALFORMED_RESPONSE: 'Gemini a renvoyé une réponse que Peel n’a pas pu lire.',
  MALFORMED_RESPONSE_do: 'Réessayez.',
  NETWORK: 'Peel n’a pas pu joindre Gemini.',
  NETWORK_do: 'Réessayez dans un instant.',
  FETCH_NOT_ALLOWED:
    'Google Workspace n’a pas laissé Peel contacter Gemini à cette adresse (elle ne figure pas dans la liste d’adresses autorisées du module complémentaire).',
  FETCH_NOT_ALLOWED_do:
    'Demandez à la personne qui a déployé Peel d’autoriser cette adresse (pour Vertex AI : le compiler pour cet emplacement).',
  BAD_INPUT: 'Quelque chose ne va pas dans la requête.',
  BAD_INPUT_do: 'Vérifiez les champs et réessayez.',
  UNSUPPORTED_HOST: 'Peel fonctionne dans Google Slides et Google Docs.',
  UNSUPPORTED_HOST_do: 'Ouvrez Peel depuis une présentation ou un document.',
  UNSUPPORTED_SELECTION: 'Une image ne peut pas aller là où se trouve la sélection.',
  UNSUPPORTED_SELECTION_do: 'Cliquez dans le corps du document ou sélectionnez une diapositive, puis réessayez.',
  NO_TEXT_SELECTED: 'Aucun texte n’est sélectionné : Peel n’a rien à partir de quoi écrire un prompt.',
  NO_TEXT_SELECTED_do:
    'Sélectionnez les mots ou les paragraphes que l’image doit montrer, puis appuyez de nouveau sur « Illustrer la sélection » ; ou décrivez l’image dans la zone du prompt.',
  IMAGE_TOO_LARGE: 'L’image est trop grande pour que Google l’insère (plus de 25 mégapixels ou 50 Mo).',
  IMAGE_TOO_LARGE_do: 'Choisissez une taille plus petite.',
  PREVIEW_EXPIRED: 'Cet aperçu a expiré : générez l’image de nouveau pour l’insérer.',
  PREVIEW_EXPIRED_do: 'Votre prompt est conservé : cliquez sur Générer pour un nouvel aperçu, puis sur Insérer.',
  BUSY: 'Quelqu’un d’autre modifie les données de Peel dans ce document.',
  BUSY_do: 'Réessayez dans quelques secondes.',
  STORE_FULL: 'La mémoire de Peel dans ce document est pleine : rien n’a été enregistré et le document n’a pas changé.',
  STORE_FULL_do:
    'Libérez de la place : terminez ou annulez une tâche de présentation, ou désépinglez les noms que personne n’utilise. Les conversations de modification auxquelles personne n’a touché depuis 6 heures libèrent de la place d’elles-mêmes.',
  IMAGE_GONE: 'L’image n’est plus dans le document : quelqu’un l’a supprimée, ou elle a été déplacée hors de portée.',
  IMAGE_GONE_do: 'Sélectionnez l’image à modifier (ou commencez-en une nouvelle), puis réessayez.',
  SECTION_GONE:
    'La section pour laquelle cette image a été dessinée n’est plus dans le document : son titre a été modifié ou supprimé.',
  SECTION_GONE_do:
    'Ignorez cette image, ou planifiez de nouveau la tâche pour illustrer le document tel qu’il est maintenant.',
  VERSION_UNAVAILABLE:
    'Cette version est conservée dans le Google Drive du collaborateur qui a fait cette modification, et Peel ne peut pas l’ouvrir depuis votre compte.',
  VERSION_UNAVAILABLE_do:
    'Demandez à ce collaborateur d’ouvrir Peel sur cette image : il peut la comparer et la restaurer.',
  DRIVE_FULL: 'Votre Google Drive est plein : Peel ne peut pas conserver la version que remplace cette modification.',
  DRIVE_FULL_do: 'Libérez de l’espace dans Google Drive (ou videz sa corbeille), puis appliquez de nouveau.',
  DRIVE_UNAVAILABLE: 'Google Drive, où Peel conserve les versions précédentes, n’a pas répondu à l’instant.',
  DRIVE_UNAVAILABLE_do: 'Patientez une minute et réessayez ; l’image du document n’a pas changé.',
  DRIVE_NOT_AUTHORIZED: 'Peel n’est pas encore autorisé à conserver des versions dans votre Google Drive.',
  DRIVE_NOT_AUTHORIZED_do:
    'Rechargez le document et rouvrez Peel pour approuver l’accès (Peel ne voit que les fichiers qu’il crée).',
  REFERENCE_EXPIRED: 'Une image de référence n’est plus conservée par Peel.',
  REFERENCE_EXPIRED_do:
    'Ajoutez de nouveau la référence (depuis l’ordinateur, le document ou son nom), puis réessayez.',
  REFERENCE_UNAVAILABLE: 'Peel ne peut pas ouvrir l’image d’une référence nommée depuis votre compte.',
  REFERENCE_UNAVAILABLE_do:
    'Épinglez-la de nouveau depuis une image du document, sous le même nom, pour que tout le monde puisse l’utiliser.',
  REFERENCE_TOO_LARGE: 'Cette image est plus grande que ce que Peel accepte comme référence.',
  REFERENCE_TOO_LARGE_do: 'Utilisez une image plus petite, ou réduisez-la et ajoutez-la de nouveau.',
  REFERENCE_UNREADABLE: 'Ce fichier n’est pas une image que Peel peut lire comme référence.',
  REFERENCE_UNREADABLE_do:
    'Ouvrez-le dans un éditeur d’images, enregistrez-le au format PNG ou JPEG et ajoutez-le de nouveau.',
  JOB_CAP: 'L’image suivante ferait dépasser à cette tâche son plafond de coût : Peel ne l’a donc pas dessinée.',
  JOB_CAP_do: 'Examinez ce qui est dessiné, ou relancez la tâche avec un plafond plus élevé.',
  SCOPE_NOT_GRANTED:
    'Peel a besoin d’une autorisation que vous ne lui avez pas encore accordée : rien n’a été modifié ni facturé.',
  SCOPE_NOT_GRANTED_do:
    'Appuyez sur Accorder l’autorisation, approuvez-la dans la fenêtre qui s’ouvre, puis réessayez.',
  POLICY: 'Les paramètres de Peel de votre organisation ne le permettent pas : rien n’a été envoyé ni facturé.',
  POLICY_do: 'Choisissez ce que votre organisation autorise, ou adressez-vous à votre administrateur.',
  INTERNAL: 'Un problème est survenu dans Peel.',
  INTERNAL_do: 'Réessayez ; si cela se reproduit, rechargez le document.',
  SERVER_ERROR_refs: 'Réessayez ; si cela se reproduit, essayez un prompt plus court ou moins d’images de référence.',
  PROMPT_BLOCKED_refs: 'Reformulez le prompt ou utilisez d’autres images de référence.',
  REQUEST_TOO_LARGE_refs: 'Utilisez moins d’images de référence, ou des images plus petites.',
  MISSING_THOUGHT_SIGNATURE_talk: 'Commencez une nouvelle conversation pour cette image et réessayez.',
  REQUEST_TOO_LARGE_talk:
    'Utilisez moins d’images de référence, ou des images plus petites, ou commencez une nouvelle conversation.',
  SERVER_ERROR_talk: 'Réessayez ; si cela se reproduit, commencez une nouvelle conversation pour cette image.',
  PREVIEW_EXPIRED_talk: 'Modifiez plutôt l’image du document, ou récupérez un aperçu encore conservé.',
  switchModel: 'Passez à {model} dans le menu des modèles.',
  waitAbout: 'Patientez environ {time}, puis réessayez.',
  seconds: { one: '{n} seconde', other: '{n} secondes' },
  minutes: { one: '{n} minute', other: '{n} minutes' },
  charged:
    'Gemini a bien envoyé une réponse, que Google peut facturer : Peel a donc compté {usd} dans le total de ce document.',
  policyUnreadable:
    'Le paramètre {property} de votre organisation n’a pas pu être lu (il devrait être {expected}). Demandez à votre administrateur de le corriger.',
  policyModel: 'Votre organisation n’autorise pas {model}. Choisissez un autre modèle dans le menu.',
  policySize: 'Votre organisation autorise les images jusqu’à {size}. Choisissez {size} ou moins.',
  policyPerson:
    'Cette image (environ {usd}) vous ferait dépasser le plafond de votre organisation de {limit} par mois et par personne ; vous avez dépensé {spent} ce mois-ci. Il est renouvelé le 1er.',
  policyDocument:
    'Cette image (environ {usd}) ferait dépasser à ce document le plafond de votre organisation de {limit} par mois ; il a dépensé {spent} ce mois-ci. Il est renouvelé le 1er.',
  policyUploadsOff:
    'Votre organisation a désactivé les images depuis l’ordinateur. Utilisez plutôt des images de ce fichier.',
  policyJobsOff:
    'Votre organisation a désactivé l’illustration d’un fichier entier en une fois. Illustrez une diapositive ou une section à la fois.',
  noteSize: 'Votre organisation autorise les images jusqu’à {size}.',
  noteModels: 'Votre organisation choisit les modèles que vous pouvez utiliser.',
  notePerson: 'Votre organisation autorise {usd} par mois et par personne.',
  noteDocument: 'Votre organisation autorise {usd} par mois et par document.',
  noteUploadsOff: 'Votre organisation a désactivé les images depuis l’ordinateur.',
  noteJobsOff: 'Votre organisation a désactivé l’illustration d’un fichier entier en une fois.',
  policyJobsNoEmail:
    'Votre organisation ne permet d’illustrer tout un fichier d’un coup qu’à certaines personnes, et Google n’a pas indiqué à Peel qui vous êtes. Illustrez une diapositive ou une section à la fois, ou adressez-vous à votre administrateur.',
  policyJobsNotListed:
    'Votre organisation ne permet d’illustrer tout un fichier d’un coup qu’à certaines personnes, et {email} n’en fait pas partie. Illustrez une diapositive ou une section à la fois, ou adressez-vous à votre administrateur.',
  noteJobsSome: 'Votre organisation ne permet d’illustrer tout un fichier d’un coup qu’à certaines personnes.',
  needsExternal:
    'Créer et modifier des images nécessite l’autorisation « Se connecter à un service externe » : Peel envoie votre requête à l’API Gemini de Google.',
  needsDrive:
    'Conserver la version que remplace une modification nécessite l’autorisation « Consulter, modifier, créer et supprimer uniquement les fichiers Google Drive spécifiques que vous utilisez avec cette application ». Insérer de nouvelles images fonctionne sans elle.',
  needsCloud:
    'Vertex AI nécessite l’autorisation « Consulter, modifier, configurer et supprimer vos données Google Cloud », que le Peel de votre organisation utilise pour joindre son projet Google Cloud.',
  needsOther: 'Cela nécessite une autorisation que vous n’avez pas encore accordée à Peel.',
  needsEmail:
    'Pour illustrer tout un fichier d’un coup, Peel a besoin de votre adresse e-mail : votre organisation ne le permet qu’à certaines personnes (« Voir l’adresse e-mail principale de votre compte Google »).',
  jobSlide: 'Diapositive {n} : {title}',
  jobSlideN: 'Diapositive {n}',
  jobSection: 'Section {n} : {heading}',
  jobSectionN: 'Section {n}',
  jobPicture: 'Diapositive {n}, image {k}',
  jobPictureOn: 'Diapositive {n}, image',
  jobAPicture: 'Une image',
  jobNoRoom: '{label} (pas de place : elle ira sur une nouvelle diapositive après celle-ci)',
  jobGone: 'Cette tâche est terminée ou a été annulée. Planifiez-en une nouvelle.',
  jobDocsRestyle:
    'Le changement de style parcourt les images d’une présentation Google Slides. Dans Google Docs, modifiez les images une par une, ou illustrez le document.',
  jobNoStyle:
    'Définissez d’abord le style de la présentation (et activez-le) : le changement de style redessine chaque image dans ce style.',
  jobSectionMissing:
    'Une section du plan n’est plus dans le document (son titre a été modifié ou supprimé). Planifiez de nouveau la tâche.',
  jobSlideMissing:
    'Une diapositive ou une image du plan n’est plus dans la présentation. Planifiez de nouveau la tâche.',
  jobRunningSlides:
    'Vous avez déjà une tâche dans cette présentation : terminez-la ou annulez-la avant d’en lancer une autre.',
  jobRunningDocs: 'Vous avez déjà une tâche dans ce document : terminez-la ou annulez-la avant d’en lancer une autre.',
  jobNotKept: 'La tâche a été annulée ou modifiée entre-temps ; cette image est affichée, mais n’y est pas conservée.',
  jobDeckBusy:
    'La présentation était occupée : cette proposition rejoindra la tâche avec votre prochain élément (ou quand vous rouvrirez la tâche).',
  jobEmptySlides: 'Choisissez au moins une diapositive ou une image.',
  jobEmptyDocs: 'Choisissez au moins une section.',
  jobNoItem: 'Cette tâche n’a pas cet élément. Planifiez de nouveau la tâche.',
  itemWorking: 'Cet élément est déjà en cours de dessin ; rien n’a été envoyé.',
  itemProposed: 'Cet élément est déjà proposé ; rien n’a été envoyé.',
  itemAccepted: 'Cet élément est déjà accepté ; rien n’a été envoyé.',
  itemSkipped: 'Cet élément a été ignoré ; rien n’a été envoyé.',
  itemFailed: 'Cet élément a échoué ; rien n’a été envoyé.',
  itemLost: 'Cet élément est perdu ; rien n’a été envoyé.',
  jobCap:
    'Dessiner cette image (environ {usd}) ferait dépasser à la tâche son plafond de {cap} ({spent} dépensés). Relevez le plafond en relançant la tâche, ou ignorez le reste.',
  jobCapDrawing:
    'Dessiner cette image (environ {usd}) ferait dépasser à la tâche son plafond de {cap} ({spent} dépensés, {n} en cours). Relevez le plafond en relançant la tâche, ou ignorez le reste.',
  jobLost:
    'L’image de cette proposition n’est plus conservée (Google l’a effacée du cache de Peel) : il n’y a rien à placer. Redessinez-la ou ignorez-la.',
  placedAlready: 'Cette image est déjà placée.',
  onlyProposal: 'Seule une proposition peut être acceptée.',
  placingAlready: 'Cette image est déjà en cours de placement ; regardez sa diapositive dans un instant.',
  skipWhileDrawn: 'Cet élément est en cours de dessin ; ignorez-le quand sa proposition arrivera.',
  redrawWhileDrawn: 'Cet élément est déjà en cours de dessin.',
  promptFirst: 'Écrivez d’abord le nouveau prompt.',
  promptWhileDrawn: 'Cet élément est en cours de dessin ; modifiez son prompt quand sa proposition arrivera.',
  itemTooLong:
    'Le prompt de l’élément {i} compte {length} caractères, trop pour être conservé avec la tâche : raccourcissez-le à environ {fits}.',
  promptTooLong:
    'Ce prompt compte {length} caractères, trop pour être conservé avec la tâche : raccourcissez-le à environ {fits}.',
  jobTooLarge:
    'Les prompts de la tâche occupent {kb} Ko, plus que les {max} Ko que Peel conserve pour les tâches dans un document : choisissez moins de diapositives ou raccourcissez les prompts.',
  busyWaited:
    'Un collaborateur enregistre dans ce document via Peel ; Peel a attendu {seconds} secondes qu’il termine.',
  imageGoneMeanwhile: 'L’image a été supprimée ou sortie du document entre-temps. Sélectionnez une image et réessayez.',
  pictureUnreadable: 'Peel ne peut pas lire cette image. Essayez-en une autre, ou remplacez-la par un PNG ou un JPEG.',
  notIssued: 'Générez une image, puis insérez-la.',
  referenceTooBig:
    'Cette image est trop grande pour que Peel la conserve comme référence. Utilisez-en une plus petite (jusqu’à 7 Mo).',
  discardAtMost: 'Peel supprime au plus {n} images à la fois.',
  vertexNoKey: 'Ce déploiement utilise Vertex AI avec votre compte Google ; il n’y a pas de clé API à tester.',
  openFromDocument: 'Ouvrez Peel depuis un document.',
  namedAtMost: 'Un document conserve au plus {n} références nommées. Désépinglez-en une d’abord.',
  slideNoText: 'Cette diapositive n’a pas de texte à illustrer. Décrivez plutôt l’image que vous voulez.',
  noProposal: 'Cet élément n’a pas de proposition à afficher. Dessinez-le d’abord.',
  orgKeyForEveryone:
    'La clé de votre organisation est utilisée pour tout le monde : Peel ne conserve donc pas de clé personnelle.',
  modelIdShape:
    'Un identifiant de modèle ressemble à ceux du menu des modèles : lettres minuscules, chiffres, points et tirets.',
  keyShape:
    'Collez la clé exactement comme Google AI Studio l’affiche (les nouvelles clés commencent par AQ., les anciennes par AIza).',
  unknownName: 'Ce document n’a plus de référence nommée « {name} » : quelqu’un l’a désépinglée.',
  pinnedPictureGone: 'L’image à partir de laquelle « {name} » a été épinglée n’est plus dans le document.',
  keptInYourDrive:
    '« {name} » est conservée dans votre Google Drive (le fichier a été supprimé), et Peel ne peut pas l’ouvrir depuis votre compte.',
  keptInTheirDrive:
    '« {name} » est conservée dans le Google Drive du collaborateur qui l’a épinglée, et Peel ne peut pas l’ouvrir depuis votre compte.',
  sayWhatChanges: 'Dites d’abord ce qui doit changer.',
  drawsAtMost:
    '{model} dessine au plus en {largest}. Choisissez un modèle qui dessine en {size} pour rendre cette image plus nette.',
  unreadableAnswer: 'Gemini a envoyé une image {type} que Peel ne peut ni lire ni insérer.',
  readsTypes: 'Gemini lit les images PNG, JPEG, WebP et HEIC, pas {type}.',
  describeImage: 'Décrivez l’image.',
  variantsRange: 'Demandez de 1 à {max} variantes.',
  requestTooBig: 'La requête ferait {mb} Mo ; Google Workspace envoie au plus 50 Mo.',
  vertexImageSize: 'Vertex AI accepte des images de 7 Mo au plus chacune.',
  addressTooLong:
    'L’adresse de la requête est plus longue que ce qu’Apps Script autorise (2 Ko). Vérifiez l’identifiant du modèle et le projet Vertex AI.',
  answerCutOff: 'La réponse a été tronquée ou altérée.',
  previewKept:
    'Peel conserve les images créées {minutes} minutes pour les placer (les propositions d’une tâche de présentation {hours} heures), et Google peut les effacer plus tôt.',
  referenceKept: 'Peel conserve les images de référence jusqu’à {hours} heures, et Google peut les effacer plus tôt.',
  vertexLocationShape: '{property} devrait être un emplacement Google Cloud, comme global ou us-central1.',
  vertexLocationBuilt:
    'Cette copie de Peel a été compilée pour Vertex AI dans {built}, mais {property} indique {location}. Compilez avec --vertex-location {location}, ou définissez {property} sur {built}.',
  styleRefsNotSent: 'Les images de référence du style n’ont pas été envoyées : {why}',
  chainPreviewGone:
    'L’aperçu dont part cette modification n’est plus conservé ({why}) : rien n’a été envoyé ni facturé.',
  chainOtherPicture:
    'Cet aperçu est une modification d’une autre image. Sélectionnez cette image pour continuer à partir de lui.',
  regionQuickEdit:
    'Une partie marquée va avec une modification que vous saisissez, pas avec une retouche rapide. Effacez la partie marquée ou saisissez la modification.',
  regionNoCorners:
    'Les coins de la partie marquée sont illisibles. Faites de nouveau glisser sur la partie à modifier.',
  regionNotWhole: 'La partie marquée n’est pas en pixels entiers. Faites de nouveau glisser sur la partie à modifier.',
  regionEmpty: 'La partie marquée est vide. Faites glisser sur la partie de l’image à modifier.',
  regionOutside:
    'La partie marquée se trouve hors de l’image ({width}×{height} pixels). Marquez une partie à l’intérieur.',
  markedNotPicture: 'La copie marquée n’est pas une image PNG ou JPEG. Marquez de nouveau la partie à modifier.',
  markedNotDrawn:
    'La copie marquée n’a pas été faite à partir de l’image telle qu’elle est ({width}×{height} pixels) : l’image a peut-être changé entre-temps. Marquez de nouveau la partie à modifier.',
  newNotEdit: 'Cette image est nouvelle : insérez-la plutôt.',
  cutoutRefused: '{why} L’image garde son arrière-plan.',
  keptRefused: '{why} La modification reste telle que Gemini l’a dessinée.',
  cutoutWhich:
    'Seule une image que Peel a demandée sur une couleur clé (Supprimer l’arrière-plan), ou une modification limitée à une partie marquée, peut être gardée ainsi.',
  cutoutNotAlpha: 'Le détourage n’est pas un PNG avec couche alpha.',
  cutoutSize: 'Le détourage fait {size}, et non {width}×{height} comme l’image dont il est tiré.',
  cutoutNoSize:
    'La taille du détourage est illisible ; il devrait faire {width}×{height} comme l’image dont il est tiré.',
  keptNotPng: 'L’image envoyée n’est pas un PNG.',
  keptSize: 'L’image envoyée fait {size}, et non {width}×{height} comme l’image dont la modification est partie.',
  keptNoSize:
    'La taille de l’image envoyée est illisible ; elle devrait faire {width}×{height} comme l’image dont la modification est partie.',
  restyleChanged:
    '{changed} Regénérez cet élément pour changer le style de l’image telle qu’elle est maintenant, ou ignorez-le.',
  namedTooLarge:
    '« {name} » fait {width}×{height} pixels ({megapixels} mégapixels) ; Peel accepte des images de {max} mégapixels au plus. Désépinglez-la et épinglez une image plus petite sous son nom.',
  optionRefs: '{model} accepte jusqu’à {max} images de référence.',
  optionDraws: '{model} dessine en {list}.',
  optionThinks: '{model} réfléchit aux niveaux {list}.',
  optionNoThinking: '{model} n’a pas de niveau de réflexion à choisir.',
  quickNoBackground: 'Indiquez la couleur ou la scène que doit avoir l’arrière-plan.',
  quickRatio: 'Choisissez un format tel que 16:9.',
  quickNoTheme: 'Le thème de cette diapositive n’offre aucune couleur que Peel puisse lire.',
  refsNotAllKept:
    'Ces images de référence dépassent ensemble ce que Peel conserve pour vous à la fois (environ {mb} Mo). Utilisez des images moins nombreuses ou plus petites.',
  docsNoBackground: 'Google Docs n’a pas d’arrière-plan de diapositive ; insérez plutôt l’image.',
  docsNoParagraph: 'Peel ne peut pas ajouter de paragraphe ici. Cliquez dans le corps du document.',
  docsSelectToReplace:
    'Sélectionnez l’image intégrée au texte à remplacer (cliquez une fois dessus), puis insérez de nouveau.',
  docsNotAtCursor: 'Une image ne peut pas aller au curseur. Cliquez dans le corps du document.',
  sectionGone: 'Le titre de cette section n’est plus dans le document : son image n’a plus où aller. Ignorez-la.',
  modelUnknown: 'Peel ne connaît pas encore ce modèle : il fonctionne avec les options de base.',
  modelShutdown: 'Google arrête ce modèle le {date}.',
  modelShutdownSwitch: 'Google arrête ce modèle le {date}. Passez à {model}.',
  noSlide: 'Aucune diapositive',
  openSlideFirst: 'Ouvrez ou ajoutez d’abord une diapositive.',
  openASlide: 'Ouvrez d’abord une diapositive.',
  noteTableCell: '{label} (une cellule de tableau est sélectionnée)',
  noteEditingCell: '{label} (vous modifiez une cellule de tableau)',
  noteEditingText: '{label} (vous modifiez du texte)',
  noteSelectOne: '{label} (sélectionnez un seul élément pour le remplir)',
  notePictures: '{label} ({n} images sélectionnées : utilisez-les comme références)',
  noteReplaceSwaps: '{label} (« Remplacer la sélection » échange l’image)',
  noteTable: '{label} (un tableau est sélectionné)',
  noteGroup: '{label} (un groupe est sélectionné)',
  noteOtherKind: '{label} (ce type d’élément ne peut pas être remplacé)',
  boxHoldsText: 'La zone sélectionnée contient du texte ; Peel ne remplace pas des mots par une image.',
  groupRefusal:
    'Un groupe ne peut pas être remplacé en entier. Cliquez dans le groupe et sélectionnez l’image ou la forme à remplacer, ou insérez l’image sur la diapositive.',
  otherKindRefusal: 'Seule une forme, un espace réservé pour image ou une image peut être remplacé.',
  selectOneToReplace:
    'Sélectionnez la forme, l’espace réservé ou l’image à remplacer (un seul), puis insérez à nouveau.',
  tableRefusal:
    'Google Slides ne peut pas placer une image dans un tableau. « Insérer » la place sur la diapositive, à l’écart du tableau ; pour remplacer quelque chose, sélectionnez une image, une forme ou un espace réservé pour image.',
  backgroundShape:
    'Google Slides étire un arrière-plan à la taille de la diapositive, et cette image n’a pas la forme de la diapositive. Générez-la à nouveau pour l’arrière-plan (Peel demande alors le format de la diapositive), ou insérez-la plutôt.',
  fillsPicturePlaceholder: 'Remplit l’espace réservé pour image vide',
  fillsTextPlaceholder: 'Remplit l’espace réservé pour texte vide de cette diapositive',
  fillsShape: 'Remplit la forme sélectionnée',
  besideText: 'À côté du texte sélectionné ({side}), qui reste visible',
  freeSpace: 'Espace libre {where} de la diapositive, sans couvrir son texte ni ses images',
  newSlide: 'Une nouvelle diapositive après celle-ci',
  newSlideSmall: 'Une nouvelle diapositive après celle-ci (l’espace libre ici est petit)',
  newSlideNoRoom: 'Une nouvelle diapositive après celle-ci (aucun espace libre sur celle-ci)',
  smallSpace:
    'L’espace libre de cette diapositive ne contiendrait qu’une petite image (moins d’un quart de la diapositive). « Insérer » la place sur une nouvelle diapositive après celle-ci ; choisissez plutôt le petit espace ou l’arrière-plan si vous le souhaitez.',
  offerBeside: 'À côté du texte sélectionné ({side}), plus petite ({ratio})',
  offerFree: 'Espace libre {where} de la diapositive, plus petite ({ratio})',
  offerNewSlide: 'Une nouvelle diapositive après celle-ci, en grand',
  behindText: 'L’arrière-plan de la diapositive, derrière son texte',
  noRoomBeside:
    'Il n’y a pas d’espace libre à côté du texte sélectionné pour une image. « Insérer » l’ajoute sur une nouvelle diapositive après celle-ci ; elle peut aussi servir d’arrière-plan à la diapositive, ou aller par-dessus malgré tout.',
  noRoomSlide:
    'Cette diapositive n’a pas d’espace libre pour une image qui ne couvrirait ni son texte ni ses images. « Insérer » l’ajoute sur une nouvelle diapositive après celle-ci ; elle peut aussi servir d’arrière-plan à la diapositive, ou aller par-dessus malgré tout.',
  sideAbove: 'au-dessus',
  sideBelow: 'en dessous',
  sideLeft: 'à sa gauche',
  sideRight: 'à sa droite',
  'top left': 'en haut à gauche',
  top: 'en haut',
  'top right': 'en haut à droite',
  left: 'à gauche',
  middle: 'au milieu',
  right: 'à droite',
  'bottom left': 'en bas à gauche',
  bottom: 'en bas',
  'bottom right': 'en bas à droite',
  replacedPicture: 'Image remplacée',
  filledPicturePlaceholder: 'Espace réservé pour image rempli',
  filledPlaceholder: 'Espace réservé vide rempli',
  filledShape: 'Forme sélectionnée remplie',
  slideBackground: 'Arrière-plan de la diapositive',
  besideTextPlaced: 'À côté du texte sélectionné',
  freeSpacePlaced: 'Espace libre {where}',
  onTop: 'Par-dessus la diapositive',
  imageN: 'Image {n}',
  leadSelected: 'L’image sélectionnée',
  leadLast: 'La dernière image modifiée',
  leadImage: 'L’image',
  inDocument: '{lead} dans le document',
  onSlide: '{lead} sur la diapositive {n}',
  docsNothingSelected: 'Rien n’est sélectionné',
  docsNotInBody: 'Hors du corps du texte',
  docsUnsupported: 'Sélection non prise en charge',
  docsNoCursor: 'Pas de curseur',
  docsFootnote: 'Peel ne peut pas placer une image dans une note de bas de page. Cliquez dans le corps du document.',
  docsHeaderFooter:
    'Peel ne peut pas placer une image dans un en-tête ou un pied de page. Cliquez dans le corps du document.',
  docsWhere: 'Peel ne sait pas où cela se trouve. Cliquez dans le corps du document.',
  docsClickWhere:
    'Cliquez dans le document à l’endroit où l’image doit aller. (Peel ne gère pas les images flottantes : choisissez « Aligné ».)',
  atCursor: 'Au curseur',
  beforeParagraph: 'Avant ce paragraphe',
  afterParagraph: 'Après ce paragraphe',
  afterTable: 'Après le tableau sélectionné',
  afterSelectedParagraph: 'Après le paragraphe sélectionné',
  afterImageSwaps: 'Après l’image sélectionnée (« Remplacer la sélection » l’échange)',
  afterImage: 'Après l’image sélectionnée',
  replacedImage: 'Image sélectionnée remplacée',
  underHeading: 'Sous « {heading} »',
  underItsHeading: 'Sous son titre',
  changedYou: 'Vous avez modifié cette image depuis la dernière fois que vous l’avez vue, donc rien n’a été remplacé.',
  changedCollaborator:
    'Un collaborateur a modifié cette image depuis la dernière fois que vous l’avez vue, donc rien n’a été remplacé.',
  changedSomeone:
    'Quelqu’un a modifié cette image depuis la dernière fois que vous l’avez vue, donc rien n’a été remplacé.',
  slideGone: 'Cette diapositive n’est plus dans la présentation : son image n’a plus où aller. Ignorez-la.',
  notAnEdit: 'Cette image est nouvelle : insérez-la au lieu de l’appliquer.',
  noHistory: 'Cette image n’a plus d’historique dans ce document. Sélectionnez-la à nouveau.',
  versionNotListed: 'Cette version ne figure plus dans l’historique de l’image (Peel garde les 20 plus récentes).',
  versionFileGone:
    'Son fichier n’est plus dans le dossier « Peel versions » de votre Google Drive (il a été supprimé).',
  versionTheirDrive:
    'Cette version est conservée dans le Google Drive du collaborateur qui l’a remplacée ; il peut l’ouvrir et la restaurer.',
  overFiftyJpeg: 'L’image dépasse 50 Mo même en JPEG ; Google insère au plus 50 Mo. Choisissez une taille plus petite.',
  dataEmpty: 'les données de l’image sont vides',
  dataNotBase64: 'les données de l’image ne sont pas du base64 valide',
  dataNotStart: 'les données ne commencent pas comme une image {type}',
  dataCutShort: 'l’image {type} est tronquée',
  answerUnusable: 'L’image de la réponse de Gemini est inutilisable : {why}.',
  refUnreadable: 'Ce fichier ne peut pas servir de référence : {why}.',
  refTypes: 'Peel peut utiliser des images PNG, JPEG, WebP et HEIC comme références, pas {type}.',
  refThisKind: 'ce type de fichier',
  refTooBig: 'L’image fait {mb} Mo ; une référence peut faire au plus {max} Mo.',
  refOtherType: 'c’est une image {type}, pas le {sent} sous lequel elle a été envoyée',
  refNoSize: 'son en-tête n’indique pas sa taille dans ses {kb} premiers Ko',
  refPixels:
    'L’image fait {width}×{height} pixels ({megapixels} mégapixels) ; Peel accepte des images d’au plus {max} mégapixels.',
  refSize: 'elle fait {width}×{height} pixels, pas les {sentWidth}×{sentHeight} annoncés à l’envoi',
  insertTypes: 'Google Slides et Docs acceptent les images PNG, JPEG ou GIF, pas {type}.',
  insertPixels:
    'L’image fait {width} × {height} pixels ({megapixels} mégapixels) ; Google en insère au plus 25. Choisissez une taille plus petite.',
  insertBytes: 'L’image fait {mb} Mo ; Google insère au plus 50 Mo. Choisissez une taille plus petite.',
  limitCount: '{model} accepte jusqu’à {max} images de référence ; retirez-en {over} sur {total}.',
  limitEach: 'La référence {n} fait {mb} Mo ; chaque référence peut faire au plus {max} Mo.',
  limitRequest: 'Ces références forment une requête de {mb} Mo ; Peel envoie au plus {max} Mo à la fois.',
  modelStage: 'Google classe {model} comme « {stage} ».',
  modelStageRetiring: 'Google classe {model} comme « {stage} » et le retirera le {date}.',
  modelShutsDown: '{model} sera arrêté le {date}.',
  modelShutDownPast: '{model} devait être arrêté le {date}.',
  modelSwitch: 'Passez à {model}.',
  previewOnly: 'Cette image peut être prévisualisée, mais pas insérée : {why}',
  costWaits:
    'Le document était occupé : ce coût attend donc dans vos propres paramètres et rejoindra le total du document avec votre prochaine image ici.',
  costNotAdded: 'Peel n’a pas pu ajouter ce coût au total cumulé du document.',
  notKeptForInsert:
    'Peel n’a pas pu garder cette image pour l’insérer (trop grande pour son cache). Essayez une taille plus petite.',
  shownNotNoted:
    'Peel n’a pas pu noter cet aperçu dans la conversation de l’image ; il est toujours là pour être appliqué ou servir de point de départ.',
};
